using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.Difficulty;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Mail;
using Ombud.Platform.Timers;
using Ombud.Tests.Disputes;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Platform.Mail;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>
/// Notice before a hand-over to collection, with a controlled clock: a payment overdue 14 days gets a notice (in-app and
/// by e-mail on the real SMTP server ./test.sh starts), and only 10 days after it is the plan handed over, unless it was
/// paid, adjusted or paused in between. Staff withdraw a hand-over.
/// </summary>
public sealed class CollectionNoticeTests
{
    private const int DaysOverdue = 14;
    private const int NoticeDays = 10;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_overdue_plan_gets_a_notice_by_page_and_email_and_is_handed_over_only_after_its_days_and_staff_can_withdraw_it(Provider provider)
    {
        await using var app = await StartAsync(provider);
        var desk = new DifficultyDesk(app, await DisputeDesk.OpenAsync(app));
        var (customer, order, plan) = await desk.ShopperAsync(locale: "en-GB");
        var due = await OverdueAsync(desk, order);

        await RunAsync(app); // 15 days late: the notice, no hand-over
        var noticed = await desk.PlanAsync(order);
        app.Clock.Advance(TimeSpan.FromDays(NoticeDays - 1));
        await RunAsync(app); // the notice is 9 days old
        var stillNot = await desk.PlanAsync(order);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RunAsync(app);
        var handedOver = await desk.PlanAsync(order);

        var notice = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().SingleAsync(n => n.CustomerId == customer));
        var handOverDay = due.AddDays(DaysOverdue + 1 + NoticeDays).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal((NoticeKind.CollectionNotice, plan, "handed over to collection"), (notice.Kind, notice.PlanId, notice.Outcome));
        Assert.Equal("Before collection: SEK 100.00 is overdue", Plain(notice.Title));
        Assert.Contains($"If it is still unpaid on {handOverDay}, we will hand the debt over to a collection agency", notice.Body);
        Assert.Contains("pay what is overdue from the order's page", notice.Body);
        Assert.Contains("move the due date", notice.Body);
        Assert.Contains("talk to a person in the chat", notice.Body);
        Assert.Contains("Kronofogden", notice.Body);
        Assert.Contains("Regulatory collection text for Sweden.", notice.Body);
        Assert.False(noticed.InCollection);
        Assert.False(stillNot.InCollection);
        Assert.True(handedOver.InCollection);
        Assert.Equal(noticed.Outstanding, handedOver.Outstanding); // the hand-over charges nothing
        Assert.Equal((1, 1), (await desk.AuditCountAsync(plan, "plan.collection-notice"), await desk.AuditCountAsync(plan, "plan.handed-to-collection")));
        Assert.Equal(1, await desk.Disputes.OutboxCountAsync(PlanHandedToCollection.Type));
        var mail = Assert.Single(await app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().ToListAsync()));
        Assert.Equal((CollectionNotices.MailKind, MailStatus.Sent), (mail.Kind, mail.Status));
        var received = TestSmtp.Received(mail.Id);
        Assert.NotNull(received);
        Assert.Equal(notice.Title, received.Subject);
        Assert.Equal("anna.svensson@example.se", Assert.Single(received.To.Mailboxes).Address);
        Assert.Contains(handOverDay, received.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://help.ombud.test/", received.TextBody, StringComparison.Ordinal);
        await PlanBooks.AssertReconciledAsync(app, order);

        var staff = await app.ClientWithKeyAsync(Scopes.Admin);
        var noReason = await staff.PostAsJsonAsync($"/api/v1/staff/plans/{plan}/collection-withdrawal", new { reason = "" });
        var withdrawn = await DisputeParties.OkAsync(await staff.PostAsJsonAsync($"/api/v1/staff/plans/{plan}/collection-withdrawal", new { reason = "Paid by phone." }));
        var again = await staff.PostAsJsonAsync($"/api/v1/staff/plans/{plan}/collection-withdrawal", new { reason = "Paid by phone." });
        await RunAsync(app); // still overdue: a new notice first, never a hand-over at once

        Assert.Contains("Say why", DisputeParties.FieldError(await DisputeParties.ProblemAsync(noReason, HttpStatusCode.BadRequest), "reason"));
        Assert.False(withdrawn.GetProperty("inCollection").GetBoolean());
        await DisputeParties.ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.False((await desk.PlanAsync(order)).InCollection);
        Assert.Equal(1, await desk.AuditCountAsync(plan, "plan.collection-withdrawn"));
        Assert.Equal(1, await desk.Disputes.OutboxCountAsync(PlanCollectionWithdrawn.Type));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<DifficultyNotice>().CountAsync(n => n.CustomerId == customer)));
        Assert.Equal(1, await desk.AuditCountAsync(plan, "plan.handed-to-collection"));
        await PlanBooks.AssertReconciledAsync(app, order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Paying_extending_a_breathing_space_or_a_dispute_after_the_notice_means_no_hand_over_and_the_audit_says_why(Provider provider)
    {
        await using var app = await StartAsync(provider);
        var desk = new DifficultyDesk(app, await DisputeDesk.OpenAsync(app));
        var (_, paid, paidPlan) = await desk.ShopperAsync();
        var (_, extended, extendedPlan) = await desk.ShopperAsync();
        var (_, paused, pausedPlan) = await desk.ShopperAsync();
        var (_, disputed, disputedPlan) = await desk.ShopperAsync();
        var (_, unpaid, unpaidPlan) = await desk.ShopperAsync();
        await OverdueAsync(desk, unpaid);
        await RunAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(2));

        await desk.Disputes.PayAsync(paid, 10_000);
        await desk.DoAsync(a => a.AdjustAsync(extendedPlan, AdjustmentKind.ExtendDueDate, new AdjustmentTerms(14, null, null), "Asked on the phone", "user:agent", default));
        await desk.DoAsync(a => a.AdjustAsync(pausedPlan, AdjustmentKind.BreathingSpace, new AdjustmentTerms(30, null, null), "Lost their job", "user:agent", default));
        await desk.Disputes.ReportAsync(disputed, Ombud.Disputes.DisputeReason.GoodsOrServiceNotReceived);
        app.Clock.Advance(TimeSpan.FromDays(NoticeDays - 2));
        await RunAsync(app);

        var inCollection = await Task.WhenAll(new[] { paid, extended, paused, disputed, unpaid }.Select(async o => (await desk.PlanAsync(o)).InCollection));
        Assert.Equal(new[] { false, false, false, false, true }, inCollection);
        Assert.Contains("the shopper paid 100.00 SEK", await ReasonAsync(app, paidPlan));
        Assert.Contains("due date extended", await ReasonAsync(app, extendedPlan));
        Assert.Contains("in a breathing space until", await ReasonAsync(app, pausedPlan));
        Assert.Contains("a dispute pauses the payment", await ReasonAsync(app, disputedPlan));
        Assert.Equal(0, await desk.AuditCountAsync(unpaidPlan, "plan.collection-not-handed-over"));
        Assert.Equal(1, await desk.Disputes.OutboxCountAsync(PlanHandedToCollection.Type));
        foreach (var order in new[] { paid, extended, paused, disputed, unpaid })
        {
            await PlanBooks.AssertReconciledAsync(app, order);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task No_plan_is_handed_over_without_a_notice_its_days_before_nor_in_a_market_that_hands_nothing_over(Provider provider)
    {
        await using var app = await StartAsync(provider);
        var desk = new DifficultyDesk(app, await DisputeDesk.OpenAsync(app));
        var (_, longOverdue, plan) = await desk.ShopperAsync();
        var (_, uk, _) = await desk.ShopperAsync(market: "UK", locale: "en-GB");
        var ukBefore = await desk.SnapshotAsync(uk);
        app.Clock.Advance(TimeSpan.FromDays(90)); // every payment far past due, never a notice yet

        await RunAsync(app);
        var afterFirstRun = await desk.PlanAsync(longOverdue);
        app.Clock.Advance(TimeSpan.FromDays(NoticeDays - 1));
        await RunAsync(app);
        var dayBefore = await desk.PlanAsync(longOverdue);

        Assert.False(afterFirstRun.InCollection);
        Assert.False(dayBefore.InCollection);
        Assert.Equal(1, await desk.AuditCountAsync(plan, "plan.collection-notice"));
        Assert.Equal(0, await desk.Disputes.OutboxCountAsync(PlanHandedToCollection.Type));
        Assert.Equal(ukBefore, await desk.SnapshotAsync(uk));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<DifficultyNotice>().CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_swedish_shopper_gets_the_notice_and_its_email_in_swedish_with_swedish_amounts_and_dates(Provider provider)
    {
        await using var app = await StartAsync(provider);
        var desk = new DifficultyDesk(app, await DisputeDesk.OpenAsync(app));
        var (customer, order, _) = await desk.ShopperAsync(locale: "sv-SE");
        var due = await OverdueAsync(desk, order);

        await RunAsync(app);

        var swedish = CultureInfo.GetCultureInfo("sv-SE");
        var notice = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().SingleAsync(n => n.CustomerId == customer));
        Assert.Equal("Innan inkasso: 100,00 kr är förfallet", Plain(notice.Title));
        Assert.StartsWith("Hej Anna! 100,00 kr på din order skulle ha betalats den " + due.ToString("d MMMM yyyy", swedish), Plain(notice.Body));
        Assert.Contains($"Om det fortfarande är obetalt den {due.AddDays(DaysOverdue + 1 + NoticeDays).ToString("d MMMM yyyy", swedish)} lämnar vi skulden till ett inkassoföretag",
            notice.Body);
        Assert.Contains("flytta förfallodagen", notice.Body);
        Assert.Contains("prata med en person i chatten", notice.Body);
        Assert.Contains("Gratis och konfidentiell skuldrådgivning: Kommunal budget- och skuldrådgivning", notice.Body);
        Assert.DoesNotContain("overdue", notice.Body, StringComparison.OrdinalIgnoreCase);
        var received = TestSmtp.Received(Assert.Single(await app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().ToListAsync())).Id);
        Assert.NotNull(received);
        Assert.Equal(notice.Title, received.Subject);
        Assert.Contains("Du kan läsa meddelandet och se vad du kan göra när du loggar in", received.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_reads_only_their_own_notices_a_page_at_a_time_and_a_bad_cursor_is_named(Provider provider)
    {
        await using var app = await StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var mine = await parties.ShopAsync();
        var theirs = await parties.ShopAsync();
        var desk = new DifficultyDesk(app, parties.Desk);
        await desk.MissSecondPaymentAsync(mine.Order); // missed: the watch reaches out too, so there are two notices to page through
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DifficultyWatch>().RunAsync(default);
        }

        await OverdueAsync(desk, mine.Order);
        await RunAsync(app);

        var shopper = await mine.ShopperAgainAsync(); // weeks later: a new session
        var other = await theirs.ShopperAgainAsync();
        var first = await DisputeParties.OkAsync(await shopper.GetAsync("/api/v1/me/notices?limit=1"));
        var second = await DisputeParties.OkAsync(await shopper.GetAsync($"/api/v1/me/notices?limit=1&cursor={first.GetProperty("nextCursor").GetString()}"));
        var all = await DisputeParties.OkAsync(await shopper.GetAsync("/api/v1/me/notices"));
        var others = await DisputeParties.OkAsync(await other.GetAsync("/api/v1/me/notices"));
        var badCursor = await shopper.GetAsync("/api/v1/me/notices?cursor=not-a-cursor");
        var badLimit = await shopper.GetAsync("/api/v1/me/notices?limit=0");

        var stored = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().ToListAsync());
        var ids = all.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(stored.Where(n => n.CustomerId == mine.Customer).OrderByDescending(n => n.SentAt).Select(n => n.Id), ids);
        Assert.Equal(["collectionNotice", "difficultyContact"], all.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal(ids[0], Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(ids[1], Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var theirIds = others.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(stored.Where(n => n.CustomerId == theirs.Customer).Select(n => n.Id).Order(), theirIds.Order());
        Assert.DoesNotContain(theirIds, ids.Contains);
        Assert.Equal(Cursor.NotACursor, DisputeParties.FieldError(await DisputeParties.ProblemAsync(badCursor, HttpStatusCode.BadRequest), "cursor"));
        Assert.Contains("Between 1 and", DisputeParties.FieldError(await DisputeParties.ProblemAsync(badLimit, HttpStatusCode.BadRequest), "limit"));
    }

    [Fact]
    public async Task A_plan_in_collection_says_so_on_the_shoppers_order_page_and_the_staff_customer_page()
    {
        await using var app = await StartAsync(Provider.Sqlite);
        var desk = new DifficultyDesk(app, await DisputeDesk.OpenAsync(app));
        var (customer, order, _) = await desk.ShopperAsync(locale: "en-GB");
        await People.CreateAsync(app, "shopper@collection.example", Roles.Shopper, customerId: customer);
        await People.CreateAsync(app, "admin@collection.example", Roles.Admin);
        await OverdueAsync(desk, order);
        await RunAsync(app);
        var (beforeOrderPage, beforeStaffPage) = await PagesAsync(app, customer, order);

        app.Clock.Advance(TimeSpan.FromDays(NoticeDays));
        await RunAsync(app);
        var (orderPage, staffPage) = await PagesAsync(app, customer, order);

        Assert.True((await desk.PlanAsync(order)).InCollection);
        Assert.DoesNotContain("data-plan-in-collection", beforeOrderPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-in-collection", beforeStaffPage, StringComparison.Ordinal);
        Assert.Contains("data-plan-in-collection", orderPage, StringComparison.Ordinal);
        Assert.Contains("handed over to collection on", orderPage, StringComparison.Ordinal);
        Assert.Contains($"data-in-collection=\"{order}\"", staffPage, StringComparison.Ordinal);
        Assert.Contains("In collection since", staffPage, StringComparison.Ordinal);
    }

    /// <summary>The shopper's order page and the staff customer page as each first receives them, signed in now (the clock moved on).</summary>
    private static async Task<(string OrderPage, string StaffPage)> PagesAsync(OmbudTestApp app, Guid customer, Guid order)
    {
        using var shopper = new WebSession(app);
        await shopper.SignInAsync("shopper@collection.example", People.Password);
        using var admin = new WebSession(app);
        await admin.SignInAsync("admin@collection.example", People.Password);
        return (await shopper.GetPageAsync($"/shopper/orders/{order}"), await admin.GetPageAsync($"/staff/customers/{customer}"));
    }

    private static async Task<OmbudTestApp> StartAsync(Provider provider)
    {
        var settings = new Dictionary<string, string?>(DifficultyDesk.Rules)
        {
            ["Ombud:Difficulty:Markets:SE:CollectionNoticeDaysOverdue"] = $"{DaysOverdue}",
            ["Ombud:Difficulty:Markets:SE:CollectionNoticeDays"] = $"{NoticeDays}",
            ["Ombud:Difficulty:Markets:SE:CollectionNoticeText"] = "Regulatory collection text for Sweden.",
            ["Ombud:Difficulty:Markets:UK:CollectionNoticeDaysOverdue"] = "0",
            ["Ombud:Difficulty:Markets:SE:DebtAdvice:0:Name"] = "Kommunal budget- och skuldrådgivning",
            ["Ombud:Difficulty:Markets:SE:DebtAdvice:1:Name"] = "Kronofogden",
        };
        foreach (var (key, value) in TestSmtp.Settings())
        {
            settings[key] = value;
        }

        return await OmbudTestApp.StartAsync(provider, settings: settings);
    }

    /// <summary>Moves the clock to the day the second payment (100.00 SEK) is one day past the 14 days overdue; answers its due date.</summary>
    private static async Task<DateOnly> OverdueAsync(DifficultyDesk desk, Guid order)
    {
        var due = (await desk.PlanAsync(order)).Instalments.Single(i => i.Sequence == 2).DueDate;
        var app = desk.App;
        app.Clock.Advance(due.AddDays(DaysOverdue + 1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - app.Clock.GetUtcNow().UtcDateTime);
        return due;
    }

    /// <summary>One collection pass, then the e-mails' timers: what the daily timer and the background loops would do.</summary>
    private static async Task RunAsync(OmbudTestApp app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CollectionNotices>().RunAsync(default);
        }

        await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([MailSending.Kind], default);
    }

    private static Task<string> ReasonAsync(OmbudTestApp app, Guid plan) =>
        app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == $"plan:{plan}" && e.Action == "plan.collection-not-handed-over").Select(e => e.Detail!).SingleAsync());

    /// <summary>Amounts are written with no-break spaces where the culture has them; the tests read them as plain spaces.</summary>
    private static string Plain(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
