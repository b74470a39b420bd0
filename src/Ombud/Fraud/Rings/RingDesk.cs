using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Links;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Rings;

/// <summary>
/// A ring as the list shows it, with the case opened on it if there is one, the window its members were linked within
/// and the first and last of the orders that link them.
/// </summary>
public sealed record RingRow(
    Guid Id,
    int Customers,
    int Orders,
    int FraudOrders,
    double FraudShare,
    int OpenCases,
    int SharedIdentities,
    string SharedKinds,
    IReadOnlyList<RingValue> Value,
    DateTime FirstFoundAt,
    DateTime FoundAt,
    Guid? CaseId,
    int WindowDays,
    DateTime? FirstActivityAt,
    DateTime? LastActivityAt);

/// <summary>One ring: the row, its members by name, and its link graph.</summary>
public sealed record RingView(RingRow Ring, IReadOnlyList<RingMember> Members, LinkGraph Graph);

public sealed record RingMember(Guid CustomerId, string Name);

/// <summary>
/// The fraud specialist's rings: the list (largest fraud losses first), one ring with its graph, detection on demand
/// and a case opened for a ring through the ordinary case opening (source "ring", once per ring). Reads of a ring and
/// every move are audited.
/// </summary>
internal sealed class RingDesk(OmbudDb db, UnitOfWork work, RingDetection detection, LinkExplorer explorer, CustomerOrders customers, CaseOpening opening,
    AuditLog audit)
{
    public async Task<IReadOnlyList<RingRow>> ListAsync(CancellationToken ct)
    {
        var rings = await db.Set<FraudRing>().AsNoTracking().ToListAsync(ct);
        var cases = await CasesAsync([.. rings.Select(r => r.Id)], ct);
        return
        [
            .. rings.Select(r => Row(r, CaseOf(cases, r.Id)))
                .OrderByDescending(r => r.FraudOrders).ThenByDescending(r => r.Customers).ThenBy(r => r.Id),
        ];
    }

    public async Task<RingView?> ViewAsync(Guid ringId, Caller caller, CancellationToken ct)
    {
        if (await db.Set<FraudRing>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == ringId, ct) is not { } ring)
        {
            return null;
        }

        var members = ring.Members;
        var names = await customers.NamesAsync(members, ct);
        var graph = await explorer.OfCustomersAsync(members, ct);
        await audit.RecordAloneAsync(caller.Actor, "fraud.ring-viewed", Subject(ring.Id), $"{members.Count} customers", ct);
        return new RingView(Row(ring, CaseOf(await CasesAsync([ring.Id], ct), ring.Id)),
            [.. members.Select(m => new RingMember(m, names.GetValueOrDefault(m, "unknown customer"))).OrderBy(m => m.Name, StringComparer.Ordinal)], graph);
    }

    /// <summary>Looks for rings now, as the daily run does; audited with what it found.</summary>
    public Task<Outcome<RingPass>> DetectAsync(Caller caller, CancellationToken ct) =>
        detection.RunAsync(ct, (pass, _) =>
        {
            audit.Record(caller.Actor, "fraud.rings-detected", "fraud-rings", $"{pass.Found} found, {pass.New} new, {pass.Gone} gone");
            return Task.CompletedTask;
        });

    /// <summary>
    /// Opens a case for the ring on its largest order labelled fraud (else its largest order), assigned like any other;
    /// a ring that already has its case gets that case back.
    /// </summary>
    public async Task<Outcome<FraudCase>> OpenCaseAsync(Guid ringId, Caller caller, CancellationToken ct)
    {
        if (await db.Set<FraudRing>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == ringId, ct) is not { } ring)
        {
            return new NotFound("fraud ring", ringId.ToString());
        }

        var graph = await explorer.OfCustomersAsync(ring.Members, ct);
        var order = graph.Orders.OrderByDescending(o => o.IsFraud == true).ThenByDescending(o => o.Total.Minor).ThenBy(o => o.OrderId).FirstOrDefault();
        if (order is null)
        {
            return new Conflict("The ring's customers have no orders left to open a case on.");
        }

        var summary = $"Ring of {ring.CustomerCount} customers sharing {ring.SharedKinds}: {ring.FraudOrders} of {ring.OrderCount} orders labelled fraud.";
        return await work.RunAsync(token => opening.OpenAsync(new CaseRequest(CaseSource.Ring, SourceKey(ring.Id), order.OrderId, null, summary), caller.Actor, token),
            ct, "The fraud case");
    }

    public static string SourceKey(Guid ringId) => $"ring:{ringId}";

    private static string Subject(Guid ringId) => $"fraud-ring:{ringId}";

    private async Task<Dictionary<Guid, Guid>> CasesAsync(IReadOnlyCollection<Guid> ringIds, CancellationToken ct)
    {
        var keys = ringIds.Select(SourceKey).ToList();
        var rows = await db.Set<FraudCase>().AsNoTracking().Where(c => keys.Contains(c.SourceKey)).Select(c => new { c.SourceKey, c.Id }).ToListAsync(ct);
        return rows.ToDictionary(r => Guid.Parse(r.SourceKey["ring:".Length..]), r => r.Id);
    }

    private static Guid? CaseOf(Dictionary<Guid, Guid> cases, Guid ringId) => cases.TryGetValue(ringId, out var caseId) ? caseId : null;

    private static RingRow Row(FraudRing r, Guid? caseId) => new(r.Id, r.CustomerCount, r.OrderCount, r.FraudOrders, r.FraudShare, r.OpenCases,
        r.SharedIdentities, r.SharedKinds, r.Value, r.FirstFoundAt, r.FoundAt, caseId, r.WindowDays, r.FirstActivityAt, r.LastActivityAt);
}
