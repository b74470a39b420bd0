using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Marketplace.Agents;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Demo;

/// <summary>
/// The demo's people on their way to becoming agents, so <c>/admin/agents</c> shows every state of an application:
/// Maja signed up and confirmed her e-mail and waits for certification (one-click sign-in: her console says so); Leo
/// signed up and has not opened the confirmation link (no sign-in: his account cannot be used yet); and a shopper of the
/// demo world in good standing, one of those waiting for a person, applied from her account and was certified, so the
/// conflict rule shows: she is never offered her own conversation nor a linked customer's. Each is made once, found by
/// e-mail afterwards, step by step; the shopper comes through the product's own <see cref="AgentApplications.ApplyAsShopperAsync"/>.
/// </summary>
internal static class DemoApplicants
{
    public const string Confirmed = "maja.applicant@demo.ombud.test";
    public const string Unconfirmed = "leo.applicant@demo.ombud.test";
    public const string ShopperAgent = "shopper.agent@demo.ombud.test";

    /// <summary>The demo world's customers DemoAgents makes wait for a person: the shopper-agent is the first of them in good standing.</summary>
    private static readonly string[] WaitingCustomers = [.. Enumerable.Range(2, 7).Select(n => $"demo-cus-{n:D6}")];

    public static async Task PlantAsync(IServiceProvider services, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<OmbudUser>>();
        var directory = services.GetRequiredService<AgentDirectory>();
        var db = services.GetRequiredService<OmbudDb>();
        // Step by step, each skipped once done: a step that failed is done on the next attempt (DemoAgents tries again).
        var maja = await users.FindByEmailAsync(Confirmed) ?? await CreateAsync(users, Confirmed, "Maja Ek", confirmed: true, Roles.Agent, null);
        if (await AgentOfAsync(db, maja, ct) is null)
        {
            await RegisterTraineeAsync(directory, maja, ["sv", "en"], 2, [Skill.Payments, Skill.Returns], ct);
        }

        var leo = await users.FindByEmailAsync(Unconfirmed) ?? await CreateAsync(users, Unconfirmed, "Leo Sandberg", confirmed: false, role: null, null);
        if (await AgentOfAsync(db, leo, ct) is null)
        {
            await RegisterTraineeAsync(directory, leo, ["sv"], 1, [Skill.Returns], ct);
        }

        var shopper = await users.FindByEmailAsync(ShopperAgent);
        if (shopper is null && await InGoodStandingAsync(services, ct) is { } customer)
        {
            shopper = await CreateAsync(users, ShopperAgent, customer.Name, confirmed: true, Roles.Shopper, customer.Id);
        }

        if (shopper is null)
        {
            return;
        }

        var agentId = await AgentOfAsync(db, shopper, ct);
        if (agentId is null)
        {
            var applied = await services.GetRequiredService<AgentApplications>().ApplyAsShopperAsync(shopper.Id,
                new ShopperApplication(["sv", "en"], ["payments", "returns"], 2), ct);
            agentId = applied.Value?.AgentId ?? throw new InvalidOperationException($"The demo shopper could not apply: {applied.Error!.Detail}");
        }

        if (!await db.Set<AgentSkill>().AnyAsync(s => s.AgentId == agentId && s.CertifiedAt != null, ct))
        {
            Check((await directory.CertifyAsync(agentId.Value, nameof(Skill.Payments), 2, "system:demo", ct)).Error);
        }
    }

    private static Task<Guid?> AgentOfAsync(OmbudDb db, OmbudUser user, CancellationToken ct) =>
        db.Set<Agent>().AsNoTracking().Where(a => a.UserId == user.Id).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);

    private static async Task<CustomerProfile?> InGoodStandingAsync(IServiceProvider services, CancellationToken ct)
    {
        var customers = services.GetRequiredService<CustomerOrders>();
        var standing = services.GetRequiredService<Platform.People.CustomerStanding>();
        foreach (var reference in WaitingCustomers)
        {
            if (await customers.FindAsync(reference, ct) is { } customer && (await standing.ReasonsAsync(customer.Id, ct)).Count == 0)
            {
                return customer;
            }
        }

        return null;
    }

    /// <summary>
    /// The account as a sign-up leaves it: an unconfirmed one has no role and cannot sign in, so it is no one-click demo
    /// account either; the others are.
    /// </summary>
    private static async Task<OmbudUser> CreateAsync(UserManager<OmbudUser> users, string email, string name, bool confirmed, string? role, Guid? customerId)
    {
        var user = new OmbudUser
        {
            UserName = email, Email = email, EmailConfirmed = confirmed, DisplayName = name, IsDemo = confirmed, CustomerId = customerId,
        };
        DemoAgents.Check(await users.CreateAsync(user, Commerce.DemoWorld.DemoAccounts.Password));
        if (role is not null)
        {
            DemoAgents.Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    /// <summary>A trainee offering <paramref name="skills"/> at the lowest level, none certified: as a sign-up registers them.</summary>
    private static async Task RegisterTraineeAsync(AgentDirectory directory, OmbudUser user, string[] languages, int maxConversations,
        Skill[] skills, CancellationToken ct) =>
        Check((await directory.RegisterAsync(new AgentRegistration(user.Id, user.DisplayName, AgentTier.Trainee, languages, maxConversations,
            skills.ToDictionary(s => s, _ => AgentSkill.MinLevel)), ct)).Error);

    private static void Check(Platform.DomainError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException(error.Detail);
        }
    }
}
