using Microsoft.EntityFrameworkCore;
using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

/// <summary>A timer and a merchant, or two tabs of one shopper, may act on one dispute at once.</summary>
public sealed class DisputeRaceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Racing_reports_on_one_order_open_one_dispute_and_hold_the_plan_once(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            desk.TryAsync(s => s.ReportAsync(new ProblemReport(order, DisputeReason.GoodsOrServiceNotReceived, null), "customer:shopper", default))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.IsAssignableFrom<Conflict>(o.Error));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Dispute>().CountAsync(d => d.OrderId == order)));
        Assert.Equal(30_000, (await desk.PlanAsync(order)).Held.Minor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Racing_moves_on_one_dispute_are_each_saved_whole_or_refused_as_a_conflict(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.Other);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(n =>
            desk.TryAsync(s => s.AddInformationAsync(dispute.Id, $"Detail {n}", "customer:shopper", default))));

        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.IsAssignableFrom<Conflict>(o.Error));
        var after = await desk.DisputeAsync(dispute.Id);
        Assert.Equal(1 + outcomes.Count(o => o.Succeeded), after.Transitions.Count);
        Assert.Equal(Enumerable.Range(1, after.Transitions.Count), after.Transitions.Select(t => t.Number).Order());
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Subject == $"dispute:{dispute.Id}"));
        Assert.Equal(after.Transitions.Count, audited);
    }
}
