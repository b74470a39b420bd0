using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Cases;

/// <summary>A person who may hold fraud cases, with how many unfinished cases they hold now.</summary>
public sealed record FraudSpecialist(string Id, string Name, int OpenCases);

/// <summary>
/// Who may hold a case: the accounts in the fraud-specialist role. (The marketplace's agents have skills, but the
/// fraud module sits beside the marketplace, not above it, so it assigns to fraud-role accounts.) A new case goes to
/// whoever holds the fewest unfinished cases, ties broken by account id so the choice is the same on every node.
/// </summary>
internal sealed class FraudSpecialists(OmbudDb db)
{
    public Task<IReadOnlyList<FraudSpecialist>> AllAsync(CancellationToken ct) => ListAsync(null, ct);

    /// <summary>One specialist, counting only their own cases.</summary>
    public async Task<FraudSpecialist?> FindAsync(string userId, CancellationToken ct) =>
        (await ListAsync(userId, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<FraudSpecialist>> ListAsync(string? only, CancellationToken ct)
    {
        var people = await (from user in db.Users
                            join link in db.UserRoles on user.Id equals link.UserId
                            join role in db.Roles on link.RoleId equals role.Id
                            where role.Name == Roles.FraudSpecialist && (only == null || user.Id == only)
                            orderby user.Id
                            select new { user.Id, user.DisplayName, user.Email }).ToListAsync(ct);
        var held = await db.Set<FraudCase>()
            .Where(c => c.AssigneeId != null && (only == null || c.AssigneeId == only) && (c.State == CaseState.Open || c.State == CaseState.Investigating))
            .GroupBy(c => c.AssigneeId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. people.Select(p => new FraudSpecialist(p.Id, NameOf(p.DisplayName, p.Email), held.GetValueOrDefault(p.Id)))];
    }

    public async Task<FraudSpecialist?> LeastLoadedAsync(CancellationToken ct) =>
        (await AllAsync(ct)).OrderBy(s => s.OpenCases).FirstOrDefault();

    private static string NameOf(string displayName, string? email) =>
        !string.IsNullOrWhiteSpace(displayName) ? displayName : email ?? "a fraud specialist";
}
