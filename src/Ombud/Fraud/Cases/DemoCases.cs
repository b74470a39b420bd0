using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Cases;

/// <summary>
/// In demo mode only: fraud cases in every state on the world's planted fraud, opened and worked through the
/// product's own use cases as the demo fraud specialist (so their timelines, audit entries, events, dispute and
/// labels are what a specialist's own would be) — the planted ring's orders open (and the ring found), a stolen identity under
/// investigation, friendly fraud decided, an account takeover waiting for recovery, one case closed. Once per database.
/// </summary>
internal sealed class DemoCases(DemoMode demo, IServiceScopeFactory scopes, ILogger<DemoCases> logger) : BackgroundService
{
    public const string Specialist = "fraud-specialist@demo.ombud.test";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.IsOn)
        {
            return;
        }

        try
        {
            await PlantWhenReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // The demo's cases are a convenience: a failure is said, never a reason to stop the node.
            logger.LogWarning(e, "The demo's fraud cases could not be planted.");
        }
    }

    private async Task PlantWhenReadyAsync(CancellationToken stoppingToken)
    {
        // The world and its accounts are seeded under the start-up lock before the node serves; wait for them.
        for (var attempt = 0; attempt < 120 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
            if (await users.FindByEmailAsync(Specialist) is { } specialist)
            {
                var planted = await PlantAsync(scope.ServiceProvider, specialist, stoppingToken);
                if (planted > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Planted {Count} fraud case(s) for the demo", planted);
                }

                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    private static async Task<int> PlantAsync(IServiceProvider services, OmbudUser specialist, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        if (await db.Set<FraudCase>().AnyAsync(c => c.Source == CaseSource.Manual, ct))
        {
            return 0;
        }

        var history = services.GetRequiredService<RiskHistory>();
        var desk = services.GetRequiredService<CaseDesk>();
        var caller = CallerOf(specialist);
        var planted = 0;

        async Task<FraudCase?> OpenAsync(Guid orderId, string why)
        {
            var opened = await desk.OpenByHandAsync(orderId, why, caller, ct);
            planted += opened.Succeeded ? 1 : 0;
            return opened.Value;
        }

        foreach (var ring in await history.PlantedAsync(DemoLabelKind.FraudRing, 3, ct))
        {
            await OpenAsync(ring, "One device and one drop address across several new accounts: a ring?");
        }

        var stolen = await history.PlantedAsync(DemoLabelKind.StolenIdentity, 2, ct);
        if (stolen.Count > 0 && await OpenAsync(stolen[0], "First order far above the usual, shipped to a parcel locker.") is { } investigating)
        {
            await desk.StartAsync(investigating.Id, caller, ct);
            await desk.AddNoteAsync(investigating.Id, "The e-mail was created the day before the order; the phone number belongs to someone else.", caller, ct);
            await desk.AddEvidenceAsync(investigating.Id, "A public post shows the parcel being opened by a third person.",
                "https://social.example/posts/roses-2026", null, caller, ct);
        }

        foreach (var (kind, liability, why) in new[]
                 {
                     (DemoLabelKind.FriendlyFraud, Liability.FirstPartyFraud, "Says the order was not theirs; the same device and address bought twice before."),
                     (DemoLabelKind.AccountTakeover, Liability.ThirdPartyFraud, "Password reset from a new device, then an order to a new address."),
                 })
        {
            if (await history.PlantedAsync(kind, 1, ct) is [var order, ..] && await OpenAsync(order, why) is { } decided)
            {
                await desk.StartAsync(decided.Id, caller, ct);
                await desk.DecideAsync(decided.Id, liability, why, caller, ct);
            }
        }

        if (stolen.Count > 1 && await OpenAsync(stolen[1], "Card holder confirmed they never ordered; the merchant shipped against a failed check.") is { } closed)
        {
            await desk.StartAsync(closed.Id, caller, ct);
            var decided = await desk.DecideAsync(closed.Id, Liability.MerchantError, "The merchant ignored the failed address check.", caller, ct);
            if (decided.Succeeded)
            {
                await desk.BookRecoveryAsync(closed.Id, RecoveryKind.Recovered, decided.Value!.RecoveryDueMinor, decided.Value.Currency,
                    "Deducted from the merchant's next settlement.", caller, ct);
            }
        }

        // The planted ring (one device and one drop address across its members, its orders labelled fraud) shows on
        // /fraud/rings at once instead of after the first daily run.
        await services.GetRequiredService<Rings.RingDetection>().RunAsync(ct);
        return planted;
    }

    private static Caller CallerOf(OmbudUser user)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Role, Roles.FraudSpecialist)], "demo"));
        return new Caller($"user:{user.Id}", user.Id, null, null, [], null, principal);
    }
}
