using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// A person answers, over the real hubs: the shopper's chat (<c>/hubs/assistant</c>) and the agent's console
/// (<c>/hubs/agents</c>), each a SignalR client with its own sign-in. The offer reaches the agent's connection the
/// moment it is made; messages and typing go both ways live; wrap-up closes the conversation and frees the place
/// for the next offer.
/// </summary>
public sealed class AgentConsoleTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_who_asks_for_a_person_chats_live_with_the_agent_who_accepts_until_wrap_up_then_rates_them_and_the_agent_is_paid(
        Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: Pay.PayDesk.Settings);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        var world = await ShopperWorld.CreateAsync(app);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        var asMaja = await SessionAsync(app, maja);
        await using var console = await AgentConsoleClient.ConnectAsync(app, asMaja);
        var online = await console.GoOnlineAsync();

        await chat.PressTalkToAPersonAsync();
        await desk.DeliverAsync();
        var offered = await console.PushedDeskAsync(d => d.Offers.Count == 1);
        var accepted = await console.AcceptAsync(offered.Offers[0].Id);
        var conversation = accepted.ConversationId!.Value;
        await console.OpenAsync(conversation);
        var shopperNews = System.Threading.Channels.Channel.CreateUnbounded<ConversationNews>();
        await chat.FollowAsync(shopperNews.Writer);

        await console.TypingAsync(conversation);
        var agentTyping = await AgentConsoleClient.NextAsync(shopperNews.Reader, n => n.Kind == ConversationNewsKind.Typing);
        var written = await console.SendAsync(conversation, "Hi, I'm Maja. I can see your headphones order.");
        var agentMessage = await AgentConsoleClient.NextAsync(shopperNews.Reader, n => n.Kind == ConversationNewsKind.Message);
        await chat.TypingAsync();
        var shopperTyping = await console.NewsAsync(n => n.Kind == ConversationNewsKind.Typing && n.Who == MessageAuthor.Shopper);
        var turn = await chat.SayAsync("They never arrived, can you help?");
        var shopperMessage = await console.NewsAsync(n => n.Kind == ConversationNewsKind.Message && n.Who == MessageAuthor.Shopper);
        var seenByShopper = await chat.TranscriptAsync();
        var customer = await console.CustomerAsync(conversation);

        // A second shopper waits: Maja has room for one conversation, so the offer comes once she wraps up.
        var waiting = await desk.HandOffAsync(await desk.CustomerAsync());
        var busy = await console.DeskAsync();
        await console.WrapUpAsync(conversation, "answered");
        var next = await console.PushedDeskAsync(d => d.Offers.Count == 1 && d.Chats.Count == 0);
        await desk.DeliverAsync();

        // The shopper's chat opens on the ended conversation, where the survey asks how it went; five stars.
        var ended = await chat.LatestAsync();
        var survey = await chat.Session.Http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/csat", new { score = 5, comment = "Quick and kind." });
        var earnings = await asMaja.Http.GetFromJsonAsync<JsonElement>("/api/v1/agents/me/earnings");

        Assert.Equal(AgentStatus.Online, online.Status);
        Assert.Equal(20, offered.Offers[0].SecondsLeft);
        Assert.Equal(offered.Offers[0].OfferedAt.AddSeconds(20), offered.Offers[0].ExpiresAt);
        Assert.Equal(chat.ConversationId, conversation);
        Assert.Equal(MessageAuthor.Agent, agentTyping.Who);
        Assert.Equal((MessageAuthor.Agent, written.Sequence), (agentMessage.Who, agentMessage.Sequence));
        Assert.Equal(conversation, shopperTyping.ConversationId);
        Assert.Equal(seenByShopper.Messages.Count, shopperMessage.Sequence);
        Assert.Equal("with-agent", turn.Rule);
        var fromMaja = Assert.Single(seenByShopper.Messages, m => m.Author == "Agent");
        Assert.Equal(("Maja", "Hi, I'm Maja. I can see your headphones order."), (fromMaja.AuthorName, fromMaja.Text));
        Assert.DoesNotContain(seenByShopper.Messages, m => m.Author == "Assistant" && m.Sequence > fromMaja.Sequence);
        Assert.Equal("Anna Svensson", customer.Name);
        Assert.Contains(customer.Orders, o => o.Id == world.Headphones.Id);
        Assert.Equal((1, 0, 0), (busy.ActiveConversations, busy.PendingOffers, busy.FreeCapacity));
        Assert.Equal((0, 1), (next.ActiveConversations, next.PendingOffers));
        Assert.Equal(ConversationState.Ended, (await desk.TranscriptAsync(conversation))!.State);
        Assert.Equal(waiting, (await desk.QueueAsync()).Single(e => e.Status == QueueEntryStatus.Offered).ConversationId);
        var finished = (await desk.QueueAsync()).Single(e => e.ConversationId == conversation);
        Assert.Equal((QueueEntryStatus.Finished, ResolutionCode.Answered), (finished.Status, finished.Resolution));
        Assert.Equal((0, 1), ((await desk.AgentRowAsync(maja.Id)).ActiveConversations, (await desk.AgentRowAsync(maja.Id)).PendingOffers));
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Actor == $"user:{maja.UserId}").Select(e => e.Action).ToListAsync());
        Assert.Contains("marketplace.wrapped-up", audited);
        Assert.Contains("marketplace.customer-viewed", audited);
        Assert.Equal((conversation, nameof(ConversationState.Ended)), (ended!.Id, ended.State));
        Assert.Equal(HttpStatusCode.Created, survey.StatusCode);
        Assert.Equal(5.0, (await desk.AgentRowAsync(maja.Id)).Rating);
        var entries = earnings.GetProperty("entries").GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("conversationId").GetGuid(), e.GetProperty("totalMinor").GetInt64())).ToList();
        Assert.Equal([("csatBonus", conversation, 2000L), ("conversation", conversation, 5500L)], entries.OrderBy(e => e.Item3));
        Assert.Equal(7500L, earnings.GetProperty("days").EnumerateArray().Single().GetProperty("totalMinor").GetInt64());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Writing_where_one_does_not_hold_taking_anothers_offer_accepting_offline_and_a_session_without_its_agent_are_refused_and_audited(
        Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", AgentTier.Pro, 1, certified: true, online: true, ["en"], null, (Skill.Payments, 5));
        var olle = await desk.AgentAsync("Olle", AgentTier.Pro, 1, certified: true, online: true, ["en"], null, (Skill.Returns, 5));
        await using var asMaja = await AgentConsoleClient.ConnectAsync(app, await SessionAsync(app, maja));
        await using var asOlle = await AgentConsoleClient.ConnectAsync(app, await SessionAsync(app, olle));
        var held = await desk.HandOffAsync(await desk.CustomerAsync());
        await asMaja.AcceptAsync((await desk.PendingOfferAsync()).Id);
        await asMaja.WrapUpAsync(held, "Answered");
        var second = await desk.HandOffAsync(await desk.CustomerAsync());
        var offer = await desk.PendingOfferAsync();
        await asMaja.GoOfflineAsync();
        await People.CreateAsync(app, "nobody@agents.example", Roles.Agent);
        var noAgent = await SessionAsync(app, "nobody@agents.example");

        var olleWrites = await Assert.ThrowsAsync<HubException>(() => asOlle.SendAsync(held, "Let me take over."));
        var olleTakes = await Assert.ThrowsAsync<HubException>(() => asOlle.AcceptAsync(offer.Id));
        var majaOffline = await Assert.ThrowsAsync<HubException>(() => asMaja.AcceptAsync(offer.Id));
        var majaAfterWrapUp = await Assert.ThrowsAsync<HubException>(() => asMaja.SendAsync(held, "One more thing"));
        var majaCustomer = await Assert.ThrowsAsync<HubException>(() => asMaja.CustomerAsync(held));
        var stranger = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var console = await AgentConsoleClient.ConnectAsync(app, noAgent);
            await console.DeskAsync();
        });
        var badResolution = await Assert.ThrowsAsync<HubException>(() => asOlle.WrapUpAsync(second, "42"));

        Assert.Contains("No conversation you hold", olleWrites.Message);
        Assert.Contains("No offer", olleTakes.Message);
        Assert.Contains("offline", majaOffline.Message);
        Assert.Contains("No conversation you hold", majaAfterWrapUp.Message);
        Assert.Contains("No conversation you hold", majaCustomer.Message);
        Assert.Contains("resolution", badResolution.Message);
        Assert.NotNull(stranger);
        Assert.Equal(OfferStatus.Pending, (await desk.PendingOfferAsync()).Status);
        Assert.DoesNotContain((await desk.TranscriptAsync(held))!.Messages, m => m.Author == MessageAuthor.Agent);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Select(e => new { e.Actor, e.Action }).ToListAsync());
        Assert.Contains(audit, e => e.Actor == $"user:{olle.UserId}" && e.Action == "marketplace.conversation-refused");
        Assert.Contains(audit, e => e.Actor == $"user:{olle.UserId}" && e.Action == "marketplace.offer-accept-refused");
        Assert.Contains(audit, e => e.Actor == $"user:{maja.UserId}" && e.Action == "marketplace.offer-accept-refused");
        Assert.Equal(2, audit.Count(e => e.Actor == $"user:{maja.UserId}" && e.Action == "marketplace.conversation-refused"));
        Assert.Contains(audit, e => e.Action == "marketplace.agent-refused");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agent_whose_consoles_fall_silent_goes_offline_after_the_grace_period_and_a_heartbeat_keeps_them_online(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        var console = await AgentConsoleClient.ConnectAsync(app, await SessionAsync(app, maja));
        await console.GoOnlineAsync();

        await desk.AfterAsync(TimeSpan.FromSeconds(45));
        await console.HeartbeatAsync();
        await desk.AfterAsync(TimeSpan.FromSeconds(45));
        var afterHeartbeat = await desk.AgentRowAsync(maja.Id);
        await console.DisposeAsync();
        await desk.AfterAsync(TimeSpan.FromSeconds(10));
        var withinGrace = await desk.AgentRowAsync(maja.Id);
        await desk.AfterAsync(TimeSpan.FromSeconds(6));
        var afterGrace = await desk.AgentRowAsync(maja.Id);

        Assert.Equal(AgentStatus.Online, afterHeartbeat.Status);
        Assert.Equal(AgentStatus.Online, withinGrace.Status);
        Assert.Equal(AgentStatus.Offline, afterGrace.Status);
    }

    [Fact]
    public async Task A_heartbeat_is_skipped_while_a_dispatcher_holds_the_agents_row_instead_of_holding_up_the_console()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Postgres);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        await using var console = await AgentConsoleClient.ConnectAsync(app, await SessionAsync(app, maja));
        await console.GoOnlineAsync();
        var online = await desk.AgentRowAsync(maja.Id);

        // Another node's dispatcher is offering Maja work: it holds her row until its transaction commits. A beat that
        // waited for it held up her next hub call too (one at a time per connection), and under a burst timed out.
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        await using var dispatching = await HeldAgentRow.HoldAsync(app.Database, maja.Id);

        // A bound on waiting for a lock that is never released while the beat runs, not a speed target.
        await console.HeartbeatAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var whileHeld = await desk.AgentRowAsync(maja.Id);
        await dispatching.ReleaseAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        await console.HeartbeatAsync();
        var afterwards = await desk.AgentRowAsync(maja.Id);

        Assert.Equal(online.LastSeenAt, whileHeld.LastSeenAt);
        Assert.True(afterwards.LastSeenAt > online.LastSeenAt, "the next beat, with the row free, was not recorded");
        Assert.Equal(AgentStatus.Online, afterwards.Status);
    }

    [Fact]
    public async Task With_the_writers_queue_full_a_shoppers_hub_call_is_refused_to_retry_and_an_agents_is_not()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Ombud:Database:MaxWaitingRequests"] = "1",
            // The shopper's hand-off is a turn: batched, it queues at the group commit rather than at the gate (one
            // waiter for many turns, never turned away), so this test takes the unbatched path that meets the gate.
            ["Ombud:Assistant:BatchTurns"] = "false",
        });
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", AgentTier.Pro, 1, certified: true, online: false, ["en"], null, (Skill.Payments, 5));
        var world = await ShopperWorld.CreateAsync(app);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        await using var console = await AgentConsoleClient.ConnectAsync(app, await SessionAsync(app, maja));

        // SQLite's writer is busy and one shopper's request already waits: the requests' lane is full.
        var gate = app.Services.GetRequiredService<WriteGate>();
        var holder = await gate.EnterAsync(WriteLane.Background, default);
        var waiting = gate.EnterAsync(new WriteTurn { Lane = WriteLane.Requests, MayBeTurnedAway = true }, default).AsTask();
        var refused = await Assert.ThrowsAsync<HubException>(() => chat.PressTalkToAPersonAsync());
        var goingOnline = console.GoOnlineAsync();
        holder.Dispose();
        (await waiting).Dispose();
        var online = await goingOnline;
        var retried = await chat.PressTalkToAPersonAsync();

        Assert.Contains("Nothing was changed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Online, online.Status);
        Assert.True(retried.Handoff);
    }

    private static Task<WebSession> SessionAsync(OmbudTestApp app, TestAgent agent) => SessionAsync(app, agent.Email);

    private static async Task<WebSession> SessionAsync(OmbudTestApp app, string email)
    {
        var session = new WebSession(app);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await session.SignInAsync(email, People.Password)).StatusCode);
        return session;
    }
}
