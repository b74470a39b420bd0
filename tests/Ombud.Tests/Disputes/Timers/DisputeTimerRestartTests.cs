using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ombud.Disputes;
using Ombud.Disputes.Timers;
using Ombud.Platform.Events;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Timers;

/// <summary>The background loop as a serving node runs it: deadlines are data, so a node that starts later still fires them.</summary>
public sealed class DisputeTimerRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>A test host is a one-shot command; this makes it run the background loops as <c>serve</c> does.</summary>
    private static readonly Dictionary<string, string?> Background = new() { ["Ombud:Events:RunInBackground"] = "true" };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_node_started_after_a_deadline_passed_while_none_ran_fires_it_at_once(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Dispute report;
        await using (var before = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart))
        {
            var desk = await DisputeDesk.OpenAsync(before);
            report = await desk.ReportAsync((await desk.ShopperWithOrderAsync()).Order, DisputeReason.DefectiveOrNotAsDescribed);
        }

        // Down for the whole store-resolution period; the new node's clock starts a day after the deadline.
        await using var after = await OmbudTestApp.StartOnAsync(database, report.StoreResolutionDeadline!.Value.AddDays(1), settings: Background);

        await Eventually.HoldsAsync(async () => (await StateAsync(after, report.Id)) == DisputeState.Initiated, Patience,
            "the restarted node escalates the report whose store period ended while no node ran");
        var escalated = await after.WithDbAsync(db => db.Set<Dispute>().FindAsync(report.Id).AsTask());
        Assert.Equal(DisputeTimers.Actor, Assert.Single(escalated!.Transitions, t => t.Move == DisputeMove.Escalate).Actor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_background_loop_fires_a_deadline_once_the_clock_has_passed_it(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: Background);
        var desk = await DisputeDesk.OpenAsync(app);
        var reported = await desk.ReportAsync((await desk.ShopperWithOrderAsync()).Order, DisputeReason.HighRiskPurchase);
        var interval = app.Services.GetRequiredService<IOptions<EventOptions>>().Value.Poll;

        desk.AdvancePast(reported.MerchantDeadline);
        // The loop waits on the fake clock: nudge it by one interval per poll until the tick has run.
        await Eventually.HoldsAsync(async () => (await StateAsync(app, reported.Id)) == DisputeState.Closed, Patience,
            "the loop expires the merchant's deadline", () => app.Clock.Advance(interval));

        var closed = await desk.DisputeAsync(reported.Id);
        Assert.Equal(DisputeOutcomeDetail.MerchantDidNotReply, closed.OutcomeDetail);
        Assert.Single(closed.Transitions, t => t.Move == DisputeMove.ExpireMerchantDeadline);
    }

    private static Task<DisputeState> StateAsync(OmbudTestApp app, Guid id) =>
        app.WithDbAsync(async db => (await db.Set<Dispute>().FindAsync(id))!.State);
}
