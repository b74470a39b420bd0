using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.Difficulty;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Tests.Disputes;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>
/// A test's view of payment difficulty: shoppers and orders fed in over the ingestion API (<see cref="DisputeDesk"/>),
/// adjustments run through the product's own <see cref="PlanAdjustments"/>, one scope per call as a request would have.
/// </summary>
internal sealed class DifficultyDesk(OmbudTestApp app, DisputeDesk disputes)
{
    /// <summary>Market rules the tests spell out, so no figure depends on the shipped appsettings.json.</summary>
    public static readonly Dictionary<string, string?> Rules = new()
    {
        ["Ombud:Difficulty:Markets:SE:ExtensionDays"] = "14",
        ["Ombud:Difficulty:Markets:SE:MaxExtensionsPerPlan"] = "2",
        ["Ombud:Difficulty:Markets:SE:ExtensionFeeMinor"] = "2900",
        ["Ombud:Difficulty:Markets:SE:MaxReplanInstalments"] = "7",
        ["Ombud:Difficulty:Markets:SE:OnTimeInstalmentsForSelfReplan"] = "1",
        ["Ombud:Difficulty:Markets:SE:BreathingSpaceDays"] = "30",
        ["Ombud:Difficulty:Markets:SE:WriteOffApprovalLimitMinor"] = "5000",
        ["Ombud:Difficulty:Markets:UK:ExtensionFeeMinor"] = "500",
        ["Ombud:Difficulty:Markets:UK:FeesForbidden"] = "true",
    };

    public const long Fee = 2_900;

    public const long LateFee = 6_000;

    public OmbudTestApp App => app;

    public DisputeDesk Disputes => disputes;

    public static async Task<(OmbudTestApp App, DifficultyDesk Desk)> StartAsync(Provider provider)
    {
        var app = await OmbudTestApp.StartAsync(provider, settings: Rules);
        return (app, new DifficultyDesk(app, await DisputeDesk.OpenAsync(app)));
    }

    /// <summary>A shopper with a 400.00 SEK pay-in-4 order, the first 100.00 paid at purchase: 300.00 left in three payments.</summary>
    public async Task<(Guid Customer, Guid Order, Guid Plan)> ShopperAsync(string market = "SE", string locale = "sv-SE")
    {
        var (customer, order) = await disputes.ShopperWithOrderAsync(market, locale);
        return (customer, order, (await disputes.PlanAsync(order)).Id);
    }

    public Task<PaymentPlan> PlanAsync(Guid order) => disputes.PlanAsync(order);

    public async Task<Outcome<T>> TryAsync<T>(Func<PlanAdjustments, Task<Outcome<T>>> useCase)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await useCase(scope.ServiceProvider.GetRequiredService<PlanAdjustments>());
    }

    public async Task<T> DoAsync<T>(Func<PlanAdjustments, Task<Outcome<T>>> useCase)
    {
        var outcome = await TryAsync(useCase);
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return outcome.Value!;
    }

    public async Task<IReadOnlyList<AdjustmentRecord>> HistoryAsync(Guid customer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanAdjustments>().HistoryAsync(customer, default);
    }

    public Task<PlanOptions> OptionsAsync(Guid customer, Guid plan) => DoAsync(a => a.OptionsAsync(customer, plan, default));

    /// <summary>The shopper says yes to <paramref name="kind"/> at the cost the options show.</summary>
    public async Task<AdjustmentRecord> TakeAsync(Guid customer, Guid plan, AdjustmentKind kind)
    {
        var offer = (await OptionsAsync(customer, plan)).Offers.Single(o => o.Kind == kind);
        return await DoAsync(a => a.TakeAsync(customer, plan, kind, offer.Cost.Minor, "user:shopper", default));
    }

    /// <summary>Past the second payment's due date and grace, the provider marks it missed and charges the late fee.</summary>
    public async Task MissSecondPaymentAsync(Guid order)
    {
        var plan = await PlanAsync(order);
        var due = plan.Instalments.Single(i => i.Sequence == 2).DueDate;
        app.Clock.Advance(due.AddDays(8).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - app.Clock.GetUtcNow().UtcDateTime);
        await ChangePlanAsync(order, p => p.MarkMissed(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), 7, new Money(LateFee, "SEK")));
    }

    /// <summary>What the provider's collection does to a plan (there is no API for it yet), in a unit of work of its own.</summary>
    public async Task ChangePlanAsync(Guid order, Action<PaymentPlan> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
        {
            change(await db.Set<PaymentPlan>().SingleAsync(p => p.OrderId == order, ct));
        }, default);
    }

    /// <summary>Everything stored about a plan and its adjustments, to show that a refusal changed none of it.</summary>
    public async Task<string> SnapshotAsync(Guid order) => await app.WithDbAsync(async db =>
    {
        var plan = await db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.OrderId == order);
        var adjustments = await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.OrderId == order).OrderBy(a => a.Id).ToListAsync();
        var audit = await db.AuditEntries.CountAsync(e => e.Subject == $"plan:{plan.Id}");
        var events = await db.Set<Ombud.Platform.Outbox.OutboxMessage>().CountAsync(m => m.Type == PlanAdjusted.Type);
        return JsonSerializer.Serialize(new { plan, instalments = plan.Instalments.OrderBy(i => i.Sequence), adjustments, audit, events });
    });

    public Task<int> AuditCountAsync(Guid plan, string action) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Subject == $"plan:{plan}" && e.Action == action));

    public Task<int> EventCountAsync() => disputes.OutboxCountAsync(PlanAdjusted.Type);
}
