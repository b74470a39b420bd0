using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Marketplace.AgentConsole;
using Ombud.Platform.Mail;
using Ombud.Platform.Timers;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Platform.Mail;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// A shopper asks for a person while nobody who could answer is online, end to end through the real hubs: the wait
/// estimate says so (no number) while the widening waits pass; the shopper leaves; a staff agent comes online on the
/// agent hub and is offered the place at once (nobody else can take it); accepts and answers; the e-mail with the link
/// back reaches the SMTP server; the shopper follows the link and reads the answer. One place the whole way.
/// </summary>
public sealed class NobodyOnlineTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task With_nobody_online_the_place_waits_honestly_overflows_to_the_staff_agent_who_comes_online_and_the_answer_is_emailed_with_a_link_back(
        Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: TestSmtp.Settings());
        var desk = await MarketDesk.OpenAsync(app);
        var per = await desk.AgentAsync("Per", AgentTier.Staff, 1, certified: true, online: false, ["en"], null);
        var world = await ShopperWorld.CreateAsync(app);
        var chat = await world.ChatAsync();
        await chat.StartAsync();
        await chat.PressTalkToAPersonAsync();
        await desk.DeliverAsync();
        var conversation = chat.ConversationId;

        // Nobody online: the estimate gives no number, at the start and after each widening (any level, any skill, staff).
        var estimates = new List<JsonElement> { await EstimateAsync(chat.Session.Http, conversation) };
        var reviews = new List<DateTime?> { await ReviewAtAsync(app, desk) };
        for (var step = 0; step < 7; step++)
        {
            await desk.AfterAsync(TimeSpan.FromSeconds(30));
            estimates.Add(await EstimateAsync(chat.Session.Http, conversation));
            reviews.Add(await ReviewAtAsync(app, desk));
        }

        var waiting = Assert.Single(await desk.QueueAsync());
        var transcriptWhileWaiting = await chat.TranscriptAsync();
        await chat.DisposeAsync(); // the shopper closes the tab

        // Per, staff, opens the console and goes online: the place is offered to him at once.
        await using var console = await AgentConsoleClient.ConnectAsync(app, await SignedInAsync(app, per.Email));
        await console.GoOnlineAsync();
        await desk.DeliverAsync();
        var offered = await console.PushedDeskAsync(d => d.Offers.Count == 1);
        app.Clock.Advance(TimeSpan.FromSeconds(5)); // the node's reading of who is online is at most this old (SnapshotSeconds)
        using var whileOffered = await world.SessionAsync();
        var estimateOffered = await EstimateAsync(whileOffered.Http, conversation);
        await console.AcceptAsync(offered.Offers[0].Id);
        await console.OpenAsync(conversation);
        var afterAccept = await whileOffered.Http.GetAsync(new Uri($"/api/v1/conversations/{conversation}/wait-estimate", UriKind.Relative));
        await console.SendAsync(conversation, "Hello Anna, this is Per from the support team. Thank you for waiting so long.");
        await desk.AfterAsync(TimeSpan.Zero); // the mail outbox's timer sends it

        var mail = Assert.Single(await app.WithDbAsync(db => db.Set<OutgoingMail>().AsNoTracking().Where(m => m.Kind == AnswerMail.Kind).ToListAsync()));
        var received = TestSmtp.Received(mail.Id);
        Assert.NotNull(received);
        var link = new Uri(Regex.Match(received.TextBody ?? "", @"https://\S+").Value);

        // The shopper follows the link, signs in, and the page carries on with the conversation Per answered.
        using var back = await world.SessionAsync();
        var page = WebUtility.HtmlDecode(await back.GetPageAsync(link.PathAndQuery));
        await using var again = await Chat.ConnectAsync(app, back);
        var latest = await again.LatestAsync();

        Assert.All(estimates, e => Assert.Equal(("nobodyOnline", JsonValueKind.Null), (e.GetProperty("kind").GetString(), e.GetProperty("minutes").ValueKind)));
        Assert.All(estimates, e => Assert.StartsWith("We cannot estimate a wait: nobody who can answer is online", e.GetProperty("text").GetString(), StringComparison.Ordinal));
        var asked = waiting.EnqueuedAt;
        // The place is looked at again every 30 s, past each widening (30, 90, 180 s) and on: never silently left.
        Assert.Equal(Enumerable.Range(1, 8).Select(n => (DateTime?)asked.AddSeconds(30 * n)), reviews);
        Assert.Equal((QueueEntryStatus.Waiting, conversation, world.Customer), (waiting.Status, waiting.ConversationId, waiting.CustomerId));
        Assert.NotNull(transcriptWhileWaiting.HandOff?.Position);
        Assert.Equal(per.Id, (await desk.OffersAsync()).Single().AgentId);
        Assert.Equal(("staffWillTakeIt", 1), (estimateOffered.GetProperty("kind").GetString(), estimateOffered.GetProperty("minutes").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, afterAccept.StatusCode);
        Assert.Equal((AnswerMail.Kind, MailStatus.Sent), (mail.Kind, mail.Status));
        Assert.Equal(world.Email.Replace("@demo.test", "@example.se", StringComparison.Ordinal), Assert.Single(received.To.Mailboxes).Address);
        Assert.Contains("Per from our team has answered you", received.TextBody, StringComparison.Ordinal);
        Assert.Equal($"https://help.ombud.test/assistant?conversation={conversation}", link.ToString());
        Assert.Contains("Thank you for waiting so long.", page, StringComparison.Ordinal);
        Assert.Equal(conversation, latest!.Id);
        var fromPer = Assert.Single(latest.Messages, m => m.Author == "Agent");
        Assert.Equal(("Per", "Hello Anna, this is Per from the support team. Thank you for waiting so long."), (fromPer.AuthorName, fromPer.Text));
        Assert.Null(latest.HandOff!.Position);
        var place = Assert.Single(await desk.QueueAsync());
        Assert.Equal((waiting.Id, QueueEntryStatus.Assigned, per.Id, asked), (place.Id, place.Status, place.AgentId, place.EnqueuedAt));
        Assert.NotNull(place.FirstReplyAt);
    }

    private static async Task<JsonElement> EstimateAsync(HttpClient shopper, Guid conversation) =>
        await shopper.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/wait-estimate");

    /// <summary>When the waiting place is looked at again next (its queue-review timer), or null when none is set.</summary>
    private static async Task<DateTime?> ReviewAtAsync(OmbudTestApp app, MarketDesk desk)
    {
        var place = Assert.Single(await desk.QueueAsync()).Id.ToString();
        return await app.WithDbAsync(db => db.Set<DurableTimer>().Where(t => t.Kind == "marketplace.queue-review" && t.EntityId == place)
            .Select(t => (DateTime?)t.FireAt).SingleOrDefaultAsync());
    }

    private static async Task<WebSession> SignedInAsync(OmbudTestApp app, string email)
    {
        var session = new WebSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, People.Password)).StatusCode);
        return session;
    }
}
