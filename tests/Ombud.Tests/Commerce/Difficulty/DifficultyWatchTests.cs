using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.Difficulty;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Timers;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>
/// Early detection on a world seeded with shoppers in difficulty at each stage, run by its daily durable timer under a
/// controlled clock: the right shoppers are flagged with reasons in words, contacted once within the frequency limit,
/// and wait in the staff queue; staff mark them contacted and resolve them.
/// </summary>
public sealed class DifficultyWatchTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_daily_watch_flags_the_shoppers_in_difficulty_contacts_each_once_a_month_and_queues_them_for_staff(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var world = await World.PlantAsync(desk);

        await FireDailyAsync(app);
        var first = await StateAsync(app);
        await FireDailyAsync(app); // the next day: the same signs, no second message
        var nextDay = await StateAsync(app);

        Assert.Equal(new[] { world.Missed, world.Extended, world.InBreathingSpace, world.Disclosed }.Order(), first.Cases.Select(c => c.CustomerId).Order());
        Assert.DoesNotContain(first.Cases, c => c.CustomerId == world.OnTime);
        Assert.Contains("1 payment missed (the first was due", Reasons(first, world.Missed));
        Assert.Contains("2 due dates extended in the last 90 days", Reasons(first, world.Extended));
        Assert.Contains("told us in the chat on", Reasons(first, world.Disclosed));
        Assert.Contains("in a breathing space until", Reasons(first, world.InBreathingSpace));
        Assert.Equal(1, first.Notices[world.Missed]);
        Assert.Equal(1, first.Notices[world.Extended]);
        Assert.Equal(1, first.Notices[world.Disclosed]);
        Assert.False(first.Notices.ContainsKey(world.InBreathingSpace), "nobody is contacted by the watch during a breathing space");
        Assert.Equal((3, 3), (first.Events, first.ContactAudits));
        Assert.Equal(first.Notices, nextDay.Notices);
        Assert.Equal((3, 3), (nextDay.Events, nextDay.ContactAudits));
        Assert.All(nextDay.Cases.Where(c => c.CustomerId != world.InBreathingSpace), c => Assert.Equal((DifficultyCaseStatus.Contacted, 1), (c.Status, c.Contacts)));
        Assert.True(nextDay.NextRun > app.Clock.GetUtcNow().UtcDateTime, "each run sets the next");

        app.Clock.Advance(TimeSpan.FromDays(30)); // past the limit: still in difficulty, so one more message each
        await FireDailyAsync(app);
        var month = await StateAsync(app);
        Assert.Equal(2, month.Notices[world.Missed]);
        Assert.Equal(4, month.Cases.Count);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_contact_names_what_was_noticed_the_options_and_free_debt_advice_without_pressure(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, _) = await desk.ShopperAsync();
        await desk.MissSecondPaymentAsync(order);

        await RunAsync(app);

        var notice = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().SingleAsync(n => n.CustomerId == customer));
        Assert.Equal(NoticeKind.DifficultyContact, notice.Kind);
        Assert.Contains("a payment is past its due date", notice.Body);
        Assert.Contains("move a due date", notice.Body);
        Assert.Contains("Kronofogden", notice.Body);
        Assert.DoesNotContain("must pay", notice.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Staff_mark_a_flagged_shopper_contacted_and_resolve_the_case_which_the_next_run_leaves_closed(Provider provider)
    {
        var (app, desk) = await DifficultyDesk.StartAsync(provider);
        await using var _ = app;
        var (customer, order, _) = await desk.ShopperAsync();
        await desk.MissSecondPaymentAsync(order);
        await RunAsync(app);
        var staff = await app.ClientWithKeyAsync(Scopes.Admin);
        var queue = await DisputeParties.OkAsync(await staff.GetAsync("/api/v1/staff/difficulty-cases"));
        var id = queue.EnumerateArray().Single(c => c.GetProperty("customerId").GetGuid() == customer).GetProperty("id").GetGuid();

        var contacted = await DisputeParties.OkAsync(await staff.PostAsJsonAsync($"/api/v1/staff/difficulty-cases/{id}/contact", new { }));
        var noWords = await staff.PostAsJsonAsync($"/api/v1/staff/difficulty-cases/{id}/resolution", new { resolution = " " });
        var resolved = await DisputeParties.OkAsync(await staff.PostAsJsonAsync($"/api/v1/staff/difficulty-cases/{id}/resolution",
            new { resolution = "Called; agreed a breathing space." }));
        var again = await staff.PostAsJsonAsync($"/api/v1/staff/difficulty-cases/{id}/resolution", new { resolution = "Twice." });
        var unknown = await staff.PostAsJsonAsync($"/api/v1/staff/difficulty-cases/{Guid.NewGuid()}/contact", new { });
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RunAsync(app);

        Assert.Equal(("contacted", 2), (contacted.GetProperty("status").GetString(), contacted.GetProperty("contacts").GetInt32()));
        Assert.NotNull(DisputeParties.FieldError(await DisputeParties.ProblemAsync(noWords, HttpStatusCode.BadRequest), "resolution"));
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        await DisputeParties.ProblemAsync(again, HttpStatusCode.Conflict);
        await DisputeParties.ProblemAsync(unknown, HttpStatusCode.NotFound);
        var cases = await app.WithDbAsync(db => db.Set<DifficultyCase>().AsNoTracking().Where(c => c.CustomerId == customer).ToListAsync());
        Assert.Equal(DifficultyCaseStatus.Resolved, Assert.Single(cases).Status);
        Assert.Empty((await DisputeParties.OkAsync(await staff.GetAsync("/api/v1/staff/difficulty-cases"))).EnumerateArray());
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Subject == $"customer:{customer}"
            && (e.Action == "difficulty.contacted" || e.Action == "difficulty.resolved") && e.Actor != DifficultyWatch.Actor)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_overdue_payment_gets_a_notice_with_amount_date_and_options_and_the_late_fee_only_after_its_days(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?>(DifficultyDesk.Rules)
        {
            ["Ombud:Difficulty:Markets:SE:LateFeeMinor"] = "6000",
            ["Ombud:Difficulty:Markets:SE:LateFeeGraceDays"] = "7",
            ["Ombud:Difficulty:Markets:SE:NoticeDaysBeforeLateFee"] = "10",
            ["Ombud:Difficulty:Markets:SE:NoticeText"] = "Regulatory notice text for Sweden.",
        });
        var desk = new DifficultyDesk(app, await Ombud.Tests.Disputes.DisputeDesk.OpenAsync(app));
        var (customer, order, plan) = await desk.ShopperAsync(locale: "en-GB");
        var (swede, _, _) = await desk.ShopperAsync(locale: "sv-SE");
        var due = (await desk.PlanAsync(order)).Instalments.Single(i => i.Sequence == 2).DueDate;
        app.Clock.Advance(due.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - app.Clock.GetUtcNow().UtcDateTime);

        await LateFeesAsync(app); // a day late: the notice, no fee
        var noticed = await desk.PlanAsync(order);
        app.Clock.Advance(TimeSpan.FromDays(9)); // past the 7 grace days, but the notice is only 9 days old
        await LateFeesAsync(app);
        var stillNoFee = await desk.PlanAsync(order);
        app.Clock.Advance(TimeSpan.FromDays(1)); // the notice's 10 days are up
        await LateFeesAsync(app);
        var charged = await desk.PlanAsync(order);

        var notice = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().SingleAsync(n => n.CustomerId == customer));
        Assert.Equal((NoticeKind.LateFeeNotice, plan), (notice.Kind, notice.PlanId));
        var english = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        Assert.Contains("SEK 100.00 was due on " + due.ToString("d MMMM yyyy", english), notice.Body.Replace('\u00A0', ' '));
        Assert.Contains($"If it is still unpaid on {due.AddDays(11).ToString("d MMMM yyyy", english)}, a late fee of SEK 60.00 will be added", notice.Body.Replace('\u00A0', ' '));
        Assert.Contains("move the due date", notice.Body);
        Assert.Contains("Regulatory notice text for Sweden.", notice.Body);
        var swedish = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().SingleAsync(n => n.CustomerId == swede));
        Assert.Equal("Innan en förseningsavgift: 100,00 kr är förfallet", swedish.Title.Replace('\u00A0', ' '));
        Assert.Contains($"Om det fortfarande är obetalt den {due.AddDays(11).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))} läggs en förseningsavgift på 60,00 kr till",
            swedish.Body.Replace('\u00A0', ' '));
        Assert.Equal(0, noticed.Instalments.Sum(i => i.LateFeeMinor));
        Assert.Equal(0, stillNoFee.Instalments.Sum(i => i.LateFeeMinor));
        var second = charged.Instalments.Single(i => i.Sequence == 2);
        Assert.Equal((InstalmentStatus.Missed, 6_000L), (second.Status, second.LateFeeMinor));
        Assert.Equal((1, 1), (await desk.AuditCountAsync(plan, "plan.late-fee-notice"), await desk.AuditCountAsync(plan, "plan.late-fee-charged")));
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task No_notice_and_no_late_fee_while_a_dispute_pauses_the_plan_or_where_the_market_charges_none(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?>(DifficultyDesk.Rules)
        {
            ["Ombud:Difficulty:Markets:SE:LateFeeMinor"] = "6000",
        });
        var desk = new DifficultyDesk(app, await Ombud.Tests.Disputes.DisputeDesk.OpenAsync(app));
        var (_, disputedOrder, _) = await desk.ShopperAsync();
        var (_, ukOrder, _) = await desk.ShopperAsync(market: "UK");
        await desk.Disputes.ReportAsync(disputedOrder, Ombud.Disputes.DisputeReason.GoodsOrServiceNotReceived);
        var before = (await desk.SnapshotAsync(disputedOrder), await desk.SnapshotAsync(ukOrder));
        app.Clock.Advance(TimeSpan.FromDays(40));

        await LateFeesAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(6));
        await LateFeesAsync(app);

        Assert.Equal(before, (await desk.SnapshotAsync(disputedOrder), await desk.SnapshotAsync(ukOrder)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<DifficultyNotice>().CountAsync()));
    }

    private static async Task LateFeesAsync(OmbudTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LateFeeNotices>().RunAsync(default);
    }

    /// <summary>The seeded shoppers: one at each stage of difficulty, and one paying on time.</summary>
    private sealed record World(Guid Missed, Guid Extended, Guid InBreathingSpace, Guid Disclosed, Guid OnTime)
    {
        public static async Task<World> PlantAsync(DifficultyDesk desk)
        {
            var (missed, missedOrder, _) = await desk.ShopperAsync();
            var (extended, _, extendedPlan) = await desk.ShopperAsync();
            var (breathing, breathingOrder, breathingPlan) = await desk.ShopperAsync();
            var (disclosed, _, _) = await desk.ShopperAsync();
            var (onTime, _, _) = await desk.ShopperAsync();
            await desk.TakeAsync(extended, extendedPlan, AdjustmentKind.ExtendDueDate);
            await desk.TakeAsync(extended, extendedPlan, AdjustmentKind.ExtendDueDate);
            await desk.MissSecondPaymentAsync(missedOrder);
            await desk.MissSecondPaymentAsync(breathingOrder);
            await desk.TakeAsync(breathing, breathingPlan, AdjustmentKind.BreathingSpace);
            await using var scope = desk.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DifficultyWatch>().RecordDisclosureAsync(disclosed, "chat", default);
            return new World(missed, extended, breathing, disclosed, onTime);
        }
    }

    private sealed record State(List<DifficultyCaseRecord> Cases, Dictionary<Guid, int> Notices, int Events, int ContactAudits, DateTime NextRun);

    private static string Reasons(State state, Guid customer) => string.Join("\n", state.Cases.Single(c => c.CustomerId == customer).Reasons);

    /// <summary>The daily timer, set as on a first start, fired when the clock reaches it.</summary>
    private static async Task FireDailyAsync(OmbudTestApp app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await DifficultyWatchTimer.EnsureAsync(scope.ServiceProvider, default);
        }

        var due = await app.WithDbAsync(db => db.Set<DurableTimer>().Where(t => t.Kind == DifficultyWatchTimer.Kind).Select(t => t.FireAt).SingleAsync());
        if (due > app.Clock.GetUtcNow().UtcDateTime)
        {
            app.Clock.Advance(due - app.Clock.GetUtcNow().UtcDateTime);
        }

        var fired = await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([DifficultyWatchTimer.Kind], default);
        Assert.Equal(1, fired.GetValueOrDefault(DifficultyWatchTimer.Kind));
    }

    private static async Task RunAsync(OmbudTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DifficultyWatch>().RunAsync(default);
    }

    private static async Task<State> StateAsync(OmbudTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var cases = (await scope.ServiceProvider.GetRequiredService<DifficultyWatch>().QueueAsync(includeResolved: true, default)).ToList();
        return await app.WithDbAsync(async db => new State(cases,
            await db.Set<DifficultyNotice>().Where(n => n.Kind == NoticeKind.DifficultyContact).GroupBy(n => n.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count),
            await db.Set<Ombud.Platform.Outbox.OutboxMessage>().CountAsync(m => m.Type == DifficultyContactMade.Type),
            await db.AuditEntries.CountAsync(e => e.Action == "difficulty.contacted" && e.Actor == DifficultyWatch.Actor),
            await db.Set<DurableTimer>().Where(t => t.Kind == DifficultyWatchTimer.Kind).Select(t => t.FireAt).SingleAsync()));
    }
}
