using Microsoft.EntityFrameworkCore;
using Ombud.Disputes;
using Ombud.Platform.Outbox;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

public sealed class DisputeClockTests
{
    // The test clock starts on Monday 23 November 2026, 09:00 UTC.
    [Theory]
    [InlineData(Provider.Sqlite, "US", "US", "2026-12-23T09:00:00", "2027-01-22T09:00:00", null)]
    [InlineData(Provider.Sqlite, "UK", "UK", "2026-11-30T09:00:00", "2027-01-18T09:00:00", "2026-11-27T00:00:00")]
    [InlineData(Provider.Sqlite, "SE", "EU", "2026-12-14T09:00:00", "2027-01-11T09:00:00", null)]
    [InlineData(Provider.Sqlite, "NO", "default", "2026-12-07T09:00:00", "2027-01-18T09:00:00", null)]
    [InlineData(Provider.Postgres, "DE", "EU", "2026-12-14T09:00:00", "2027-01-11T09:00:00", null)]
    [InlineData(Provider.Postgres, "GB", "UK", "2026-11-30T09:00:00", "2027-01-18T09:00:00", "2026-11-27T00:00:00")]
    public async Task Each_market_gets_its_regulatory_deadlines_stored_on_the_dispute(Provider provider, string market, string policy,
        string acknowledgeBy, string finalResponseBy, string? summaryBy)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync(market);

        var dispute = await desk.DisputeAsync((await desk.ReportAsync(order, DisputeReason.Other)).Id);

        Assert.Equal(policy, dispute.RegulatoryPolicy);
        Assert.Equal(DateTime.Parse(acknowledgeBy, System.Globalization.CultureInfo.InvariantCulture), dispute.AcknowledgeBy);
        Assert.Equal(DateTime.Parse(finalResponseBy, System.Globalization.CultureInfo.InvariantCulture), dispute.FinalResponseBy);
        Assert.Equal(summaryBy is null ? null : DateTime.Parse(summaryBy, System.Globalization.CultureInfo.InvariantCulture), dispute.SummaryResolutionBy);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_uk_complaint_settled_by_the_third_business_day_is_a_summary_resolution(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, quick) = await desk.ShopperWithOrderAsync("UK");
        var (_, slow) = await desk.ShopperWithOrderAsync("UK");
        var first = await desk.ReportAsync(quick, DisputeReason.Other);
        var second = await desk.ReportAsync(slow, DisputeReason.Other);

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(14)); // Thursday 23:00
        var settled = await desk.DoAsync(s => s.MarkSettledAsync(first.Id, null, "customer:shopper", default));
        app.Clock.Advance(TimeSpan.FromHours(2)); // Friday 01:00
        var late = await desk.DoAsync(s => s.MarkSettledAsync(second.Id, null, "customer:shopper", default));

        Assert.True(settled.IsSummaryResolution);
        Assert.False(late.IsSummaryResolution);
    }

    [Theory]
    [InlineData(Provider.Sqlite, DisputeReason.UnauthorisedPurchase, 7 * 24)]
    [InlineData(Provider.Postgres, DisputeReason.HighRiskPurchase, 96)]
    public async Task Unauthorised_and_high_risk_go_straight_to_the_merchant_with_their_own_deadline(Provider provider, DisputeReason reason, int hours)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();

        var dispute = await desk.ReportAsync(order, reason);

        Assert.Equal(DisputeState.Initiated, dispute.State);
        Assert.Null(dispute.StoreResolutionDeadline);
        Assert.Equal(dispute.ReportedAt.AddHours(hours), dispute.MerchantDeadline);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_store_period_is_configurable(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Ombud:Disputes:StoreResolutionDays"] = "14" });
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();

        var dispute = await desk.ReportAsync(order, DisputeReason.Other);

        Assert.Equal(dispute.ReportedAt.AddDays(14), dispute.StoreResolutionDeadline);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unauthorised_report_writes_exactly_one_outbox_event_with_the_dispute(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, other) = await desk.ShopperWithOrderAsync();
        var (customer, order) = await desk.ShopperWithOrderAsync();
        await desk.ReportAsync(other, DisputeReason.GoodsOrServiceNotReceived);

        var dispute = await desk.ReportAsync(order, DisputeReason.UnauthorisedPurchase);

        var message = Assert.Single(await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == UnauthorisedPurchaseReported.Type).ToListAsync()));
        Assert.Equal(UnauthorisedPurchaseReported.Type, message.Type);
        Assert.Equal(dispute.ReportedAt, message.OccurredAt);
        Assert.Contains(dispute.Id.ToString(), message.Payload, StringComparison.Ordinal);
        Assert.Contains(customer.ToString(), message.Payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_step_writes_one_change_event_in_order_and_a_refused_step_writes_none(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.GoodsOrServiceNotReceived);
        var refused = await desk.TryAsync(s => s.EscalateAsync(dispute.Id, "system", default));
        Assert.False(refused.Succeeded);
        // Outbox ids made in one instant of the fake clock do not sort in time order; an hour later they do by time.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await desk.DoAsync(s => s.WithdrawAsync(dispute.Id, "never mind", "customer:shopper", default));

        var types = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.StartsWith(DisputeChanged.Prefix)).OrderBy(m => m.OccurredAt).Select(m => m.Type).ToListAsync());

        Assert.Equal(["dispute.reported", "dispute.withdrawn"], types);
    }
}
