using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.People;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Demo;

/// <summary>
/// In demo mode only: the marketplace's cast, one agent of every tier with certified skills and a one-click demo
/// sign-in each, offline until someone signs in as them. With <c>Ombud:Marketplace:DemoTraffic</c> on (the default),
/// a few shoppers wait for a person from the start, and two of the agents (<see cref="Simulated"/>) are online and
/// answer by themselves with canned replies, so the whole flow shows on one laptop; Jonas stays for a human.
/// </summary>
internal sealed class DemoAgents(DemoMode demo, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoAgents> logger) : BackgroundService
{
    public const string TrafficSetting = "Ombud:Marketplace:DemoTraffic";

    private static readonly DemoAgent[] Cast =
    [
        new("agent@demo.ombud.test", "Jonas", AgentTier.Pro, ["en", "sv"], 2, [(Skill.Payments, 4), (Skill.Returns, 4), (Skill.Disputes, 3)]),
        new("trainee.agent@demo.ombud.test", "Elin", AgentTier.Trainee, ["en", "sv"], 1, [(Skill.Payments, 2)]),
        new("specialist.agent@demo.ombud.test", "Karin", AgentTier.Specialist, ["en", "sv", "de"], 3,
            [(Skill.Disputes, 5), (Skill.FraudFirstResponse, 5), (Skill.VulnerableCustomers, 4), (Skill.FinancialDifficulty, 4)]),
        new("staff.agent@demo.ombud.test", "Per", AgentTier.Staff, ["en", "sv"], 3, [(Skill.Payments, 3), (Skill.Returns, 3), (Skill.FinancialDifficulty, 3)]),
    ];

    private const int SeedAttempts = 5;

    /// <summary>How many of the demo world's shoppers wait for a person at the start.</summary>
    private const int WaitingShoppers = 7;

    /// <summary>The agents the demo plays itself.</summary>
    private static readonly string[] Simulated = ["specialist.agent@demo.ombud.test", "staff.agent@demo.ombud.test"];

    private static readonly string[] Replies =
    [
        "Hi, I'm {0} from customer support. I have your conversation and your orders in front of me.",
        "Thank you, that helps. I have noted it on your case; you will not be charged for the disputed amount meanwhile.",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.IsOn)
        {
            return;
        }

        try
        {
            await SeedAsync(stoppingToken);
            if (!configuration.GetValue(TrafficSetting, defaultValue: true))
            {
                return;
            }

            await InScopeAsync(EnsureWaitingAsync, stoppingToken);
            using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(3));
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await InScopeAsync(PlayAsync, stoppingToken);
                }
                catch (Exception e) when (Retryable(e) && !stoppingToken.IsCancellationRequested)
                {
                    // A move that clashed with other work saved nothing; the next tick reads the desks again and plays on.
                    logger.LogWarning(e, "A demo agent's move clashed with other work; they carry on at the next tick.");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The demo agents stopped.");
        }
    }

    /// <summary>
    /// The cast, their pay history and the applicants. Each step is idempotent, so one that fails on a busy database (SQLite
    /// gives up on its lock after 30 s on a loaded machine) is tried again rather than leaving the demo half made.
    /// </summary>
    private async Task SeedAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InScopeAsync(EnsureCastAsync, ct);
                await InScopeAsync(DemoPay.PlantAsync, ct);
                await InScopeAsync(DemoApplicants.PlantAsync, ct);
                return;
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException && attempt < SeedAttempts)
            {
                logger.LogWarning(e, "Seeding the demo agents failed on attempt {Attempt}; trying again.", attempt);
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
        }
    }

    /// <summary>
    /// What a busy database gives up on and a second try gets past: a deadlock's victim or a serialization failure on
    /// PostgreSQL, a version check lost, SQLite's lock wait running out, a write gate that is full.
    /// </summary>
    private static bool Retryable(Exception e) =>
        WriteClash.Is(e) || e is DbUpdateException or System.Data.Common.DbException or WriteGateFullException;

    private async Task InScopeAsync(Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider, ct);
    }

    private static async Task EnsureCastAsync(IServiceProvider services, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<OmbudUser>>();
        var directory = services.GetRequiredService<AgentDirectory>();
        var db = services.GetRequiredService<OmbudDb>();
        // The demo world's seeding stores the roles too, but need not have run yet on this node (or at all, in a test).
        await StaffRoles.EnsureStoredAsync(services.GetRequiredService<RoleManager<IdentityRole>>(), [Roles.Agent]);
        foreach (var cast in Cast)
        {
            var user = await users.FindByEmailAsync(cast.Email);
            if (user is null)
            {
                user = new OmbudUser
                {
                    UserName = cast.Email, Email = cast.Email, EmailConfirmed = true, DisplayName = $"{cast.Name} ({cast.Tier.ToString().ToLowerInvariant()} agent)",
                    IsDemo = true,
                };
                Check(await users.CreateAsync(user, Commerce.DemoWorld.DemoAccounts.Password));
            }

            // Also for an account an earlier attempt created and then failed to give the role to.
            if (!await users.IsInRoleAsync(user, Roles.Agent))
            {
                Check(await users.AddToRoleAsync(user, Roles.Agent));
            }

            if (await db.Set<Agent>().AnyAsync(a => a.UserId == user.Id, ct))
            {
                continue;
            }

            var agent = (await directory.RegisterAsync(new AgentRegistration(user.Id, cast.Name, cast.Tier, cast.Languages, cast.MaxConversations,
                cast.Skills.ToDictionary(s => s.Skill, s => s.Level)), ct)).Value!;
            foreach (var (skill, level) in cast.Skills)
            {
                await directory.CertifyAsync(agent.Id, skill.ToString(), level, "system:demo", ct);
            }
        }
    }

    /// <summary>
    /// Shoppers waiting for a person, once, in a fresh demo; and the simulated agents online. One more than the simulated
    /// agents' six places, so the marketplace shows a surge level and one shopper keeps waiting with an estimate.
    /// </summary>
    private static async Task EnsureWaitingAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        if (!await db.Set<QueueEntry>().AnyAsync(ct))
        {
            var conversations = services.GetRequiredService<ConversationService>();
            var customers = new List<Guid>();
            foreach (var index in Enumerable.Range(1, WaitingShoppers))
            {
                // Shoppers of the demo world other than Anna (index 0), whom a visitor signs in as.
                if (await services.GetRequiredService<CustomerOrders>().FindAsync($"demo-cus-{index + 1:D6}", ct) is { } customer)
                {
                    customers.Add(customer.Id);
                }
            }

            foreach (var customer in customers)
            {
                var started = await conversations.StartAsync(customer, "en", language => new MessageDraft(MessageAuthor.Shopper,
                    "My parcel never arrived and the next instalment is due. Can I talk to a person?", language), ct);
                await conversations.HandOffAsync(started.Value, new HandOffBrief(HandOffReason.Requested, 2,
                    "The shopper's parcel has not arrived and an instalment is due; they asked for a person.", "delivery_status", "steady",
                    "Check the tracking and offer to pause the instalment.", "en"), ct);
            }
        }

        var directory = services.GetRequiredService<AgentDirectory>();
        foreach (var agent in await SimulatedAsync(services, ct))
        {
            await directory.GoOnlineAsync(agent.Id, ct);
        }
    }

    /// <summary>The simulated agents accept what they are offered, greet, answer once and wrap up when the shopper writes again.</summary>
    private static async Task PlayAsync(IServiceProvider services, CancellationToken ct)
    {
        var desk = services.GetRequiredService<AgentConsole.AgentDesk>();
        foreach (var agent in await SimulatedAsync(services, ct))
        {
            var view = await desk.DeskAsync(agent, ct);
            foreach (var offer in view.Offers)
            {
                await desk.AcceptAsync(agent, offer.Id, ct);
            }

            foreach (var chat in view.Chats)
            {
                if ((await desk.TranscriptAsync(agent, chat.ConversationId, ct)).Value is not { } transcript)
                {
                    continue;
                }

                var mine = transcript.Messages.Count(m => m.Author == MessageAuthor.Agent);
                var shopperLast = transcript.Messages.Count > 0 && transcript.Messages[^1].Author == MessageAuthor.Shopper;
                if (mine == 0 || (shopperLast && mine < Replies.Length))
                {
                    await desk.WriteAsync(agent, chat.ConversationId, string.Format(System.Globalization.CultureInfo.InvariantCulture, Replies[mine], agent.DisplayName), ct);
                }
                else if (shopperLast)
                {
                    await desk.WrapUpAsync(agent, chat.ConversationId, nameof(ResolutionCode.Answered), ct);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<AgentConsole.ConsoleAgent>> SimulatedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var ids = await db.Users.AsNoTracking().Where(u => Simulated.Contains(u.Email!)).Select(u => u.Id).ToListAsync(ct);
        return await db.Set<Agent>().AsNoTracking().Where(a => ids.Contains(a.UserId))
            .Select(a => new AgentConsole.ConsoleAgent(a.Id, a.UserId, a.DisplayName)).ToListAsync(ct);
    }

    /// <summary>Stops the demo's seeding with Identity's own reasons (shared with <see cref="DemoApplicants"/>).</summary>
    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private sealed record DemoAgent(string Email, string Name, AgentTier Tier, string[] Languages, int MaxConversations, (Skill Skill, int Level)[] Skills);
}
