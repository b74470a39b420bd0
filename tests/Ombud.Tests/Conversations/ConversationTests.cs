using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Platform;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Conversations;

/// <summary>
/// One conversation for the assistant and people: who holds it decides who answers, a reply names the message it
/// answers, and a hand-off is announced to whoever takes hand-offs in the same transaction as the hand-off itself.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class ConversationTests(AssistantApps apps)
{
    private const string Agent = "agent-user-1";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task While_an_agent_holds_the_conversation_the_assistant_keeps_the_shoppers_message_and_says_nothing(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        await chat.PressTalkToAPersonAsync();
        Assert.True((await RunAsync(world.App, c => c.AssignAsync(chat.ConversationId, Agent, CancellationToken.None))).Succeeded);

        var turn = await chat.SayAsync("When is my next payment due?");
        var button = await chat.PressTalkToAPersonAsync();
        var transcript = await chat.TranscriptAsync();

        Assert.Equal("", turn.Reply);
        Assert.Equal("with-agent", turn.Rule);
        Assert.Null(turn.Action);
        Assert.Equal("", button.Reply);
        Assert.Equal(["Shopper", "Shopper"], transcript.Messages.TakeLast(2).Select(m => m.Author));
        Assert.Equal("When is my next payment due?", transcript.Messages[^2].Text);
        Assert.Equal(nameof(HandOffStatus.WithAgent), transcript.HandOff!.Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_chat_opens_on_the_latest_conversation_even_once_it_ended_until_the_shopper_starts_the_next(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        var beforeAny = await chat.LatestAsync();
        var first = await chat.StartAsync();
        await chat.SayAsync("When is my next payment due?");
        var open = await chat.LatestAsync();
        Assert.True((await RunAsync(world.App, c => c.CloseAsync(first.Id, CancellationToken.None))).Succeeded);

        // A reload: another connection of the same shopper.
        await using var reloaded = await world.ChatAsync();
        var ended = await reloaded.LatestAsync();
        reloaded.Resume(first.Id);
        var intoEnded = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => reloaded.SayAsync("One more thing"));
        world.App.Clock.Advance(TimeSpan.FromSeconds(1));
        var next = await reloaded.StartAsync();
        var latest = await reloaded.LatestAsync();

        Assert.Null(beforeAny);
        Assert.Equal((first.Id, nameof(ConversationState.Open)), (open!.Id, open.State));
        Assert.Equal((first.Id, nameof(ConversationState.Ended)), (ended!.Id, ended.State));
        Assert.Equal(open.Messages.Select(m => m.Text), ended.Messages.Select(m => m.Text));
        Assert.Contains("has ended", intoEnded.Message, StringComparison.Ordinal);
        Assert.NotEqual(first.Id, next.Id);
        Assert.Equal((next.Id, nameof(ConversationState.Open)), (latest!.Id, latest.State));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_resent_message_is_answered_by_the_reply_that_names_it_not_by_whatever_came_next(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        var answered = await chat.SendAsync("How much do I owe in total?", "msg-balance");
        await chat.PressTalkToAPersonAsync();
        await RunAsync(world.App, c => c.AssignAsync(chat.ConversationId, Agent, CancellationToken.None));
        var kept = await chat.SendAsync("Are you there?", "msg-kept");
        // The agent greets, answering nothing in particular, then gives the conversation back to the assistant.
        var greeting = await RunAsync(world.App, c => c.AppendAsync(chat.ConversationId,
            new MessageDraft(MessageAuthor.Agent, "Hi, I'm Maja from Ombud.", "en", AuthorId: Agent), CancellationToken.None));
        await RunAsync(world.App, c => c.HandBackAsync(chat.ConversationId, CancellationToken.None));

        var keptAgain = await chat.SendAsync("Are you there?", "msg-kept");
        var answeredAgain = await chat.SendAsync("How much do I owe in total?", "msg-balance");

        Assert.Equal(kept.Sequence + 1, greeting.Value!.Sequence);
        Assert.True(keptAgain.Replayed);
        Assert.Equal("", keptAgain.Reply);
        Assert.True(answeredAgain.Replayed);
        Assert.Equal(answered.Reply, answeredAgain.Reply);
        var transcript = await chat.TranscriptAsync();
        Assert.Equal("Agent", transcript.Messages.Single(m => m.Sequence == greeting.Value.Sequence).Author);
        Assert.Equal(greeting.Value.Sequence, transcript.Messages[^1].Sequence);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_hand_off_is_announced_in_the_outbox_with_the_hand_off_and_never_without_it(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        // A unit of work that hands off and is then refused saves neither the hand-off nor its event.
        var refused = await RunInScopeAsync(world.App, async (services, ct) =>
            await services.GetRequiredService<UnitOfWork>().RunAsync<bool>(async token =>
            {
                var handedOff = await services.GetRequiredService<ConversationService>().HandOffAsync(chat.ConversationId,
                    new HandOffBrief(HandOffReason.Requested, 2, "test", null, "", "", "en"), token);
                Assert.True(handedOff.Succeeded);
                return new Conflict("Changed my mind.");
            }, ct));
        var eventsAfterRefusal = await HandedOffEventsAsync(world.App, chat.ConversationId);
        var turn = await chat.PressTalkToAPersonAsync();

        var handOff = await world.App.WithDbAsync(db => db.Set<HandOff>().AsNoTracking().SingleAsync(h => h.ConversationId == chat.ConversationId));
        var announced = Assert.Single(await HandedOffEventsAsync(world.App, chat.ConversationId));
        var payload = JsonDocument.Parse(announced.Payload).RootElement;
        Assert.False(refused.Succeeded);
        Assert.Empty(eventsAfterRefusal);
        Assert.True(turn.Handoff);
        Assert.Equal(handOff.Id, payload.GetProperty("handOffId").GetGuid());
        Assert.Equal(world.Customer, payload.GetProperty("customerId").GetGuid());
        Assert.Equal("Button", payload.GetProperty("reason").GetString());
        Assert.Equal(ConversationHandedOff.CurrentVersion, payload.GetProperty("version").GetInt32());
        Assert.Equal(handOff.RequestedAt, announced.OccurredAt);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Ending_a_conversation_closes_its_hand_off_announces_it_once_and_takes_no_more_messages(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        await chat.PressTalkToAPersonAsync();

        var closed = await RunAsync(world.App, c => c.CloseAsync(chat.ConversationId, CancellationToken.None));
        await RunAsync(world.App, c => c.CloseAsync(chat.ConversationId, CancellationToken.None));
        var afterwards = await RunAsync(world.App, c => c.AppendAsync(chat.ConversationId,
            new MessageDraft(MessageAuthor.System, "Anyone?", "en"), CancellationToken.None));

        Assert.Equal(ConversationState.Ended, closed.Value!.State);
        Assert.IsType<Conflict>(afterwards.Error);
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<OutboxMessage>()
            .CountAsync(m => m.Type == ConversationClosed.Type && m.Payload.Contains(chat.ConversationId.ToString()))));
        Assert.Equal(HandOffStatus.Closed, (await world.App.WithDbAsync(db => db.Set<HandOff>().AsNoTracking()
            .SingleAsync(h => h.ConversationId == chat.ConversationId))).Status);
    }

    /// <summary>
    /// PostgreSQL only: the clash is made by a second connection updating the row between the read and the save, which
    /// SQLite's single writer does not let happen inside a unit of work.
    /// </summary>
    [Fact]
    public async Task A_unit_of_work_that_loses_the_version_check_every_time_answers_a_conflict_not_a_server_error()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Postgres));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        var languageBefore = (await chat.TranscriptAsync()).Language;
        var attempts = 0;

        var outcome = await RunInScopeAsync(world.App, (services, ct) =>
            services.GetRequiredService<UnitOfWork>().RunAsync<bool>(async token =>
            {
                attempts++;
                var db = services.GetRequiredService<OmbudDb>();
                var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == chat.ConversationId, token);
                conversation.Speak(conversation.Language == "sv" ? "en" : "sv");
                // Someone else writes the conversation between this read and the save, every time.
                await world.App.WithDbAsync(other => other.Set<Conversation>().Where(c => c.Id == chat.ConversationId)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version + 1), token));
                return true;
            }, ct, "The conversation"));

        Assert.True(attempts > 1, "a lost version check is retried on fresh data");
        Assert.IsType<WriteConflict>(outcome.Error);
        Assert.Equal(languageBefore, (await chat.TranscriptAsync()).Language);
    }

    [Fact]
    public void Only_the_agent_holding_a_conversation_writes_in_it_and_the_assistant_never_over_them()
    {
        var conversation = new Conversation(Guid.NewGuid(), Guid.NewGuid(), "en", DateTime.UtcNow);
        var fromAgent = new MessageDraft(MessageAuthor.Agent, "Hello", "en", AuthorId: Agent);

        var beforeTaking = conversation.Write(fromAgent, DateTime.UtcNow);
        var taken = conversation.HandOver(Guid.NewGuid()).Succeeded && conversation.AssignTo(Agent).Succeeded;
        var byAgent = conversation.Write(fromAgent, DateTime.UtcNow);
        var byOther = conversation.Write(fromAgent with { AuthorId = "someone-else" }, DateTime.UtcNow);
        var byAssistant = conversation.Write(new MessageDraft(MessageAuthor.Assistant, "Hi", "en"), DateTime.UtcNow);
        var secondHandOver = conversation.HandOver(Guid.NewGuid());

        Assert.IsType<Conflict>(beforeTaking.Error);
        Assert.True(taken);
        Assert.True(byAgent.Succeeded);
        Assert.IsType<Conflict>(byOther.Error);
        Assert.IsType<Conflict>(byAssistant.Error);
        Assert.IsType<Conflict>(secondHandOver.Error);
        Assert.Equal(ConversationHolder.Agent, conversation.Holder);
        Assert.True(conversation.HandBack().Succeeded);
        Assert.Equal(ConversationHolder.Assistant, conversation.Holder);
        Assert.Null(conversation.AgentId);
    }

    private static Task<Outcome<T>> RunAsync<T>(OmbudTestApp app, Func<ConversationService, Task<Outcome<T>>> work) =>
        RunInScopeAsync(app, (services, _) => work(services.GetRequiredService<ConversationService>()));

    private static async Task<T> RunInScopeAsync<T>(OmbudTestApp app, Func<IServiceProvider, CancellationToken, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider, CancellationToken.None);
    }

    private static Task<List<OutboxMessage>> HandedOffEventsAsync(OmbudTestApp app, Guid conversationId) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == ConversationHandedOff.Type && m.Payload.Contains(conversationId.ToString())).ToListAsync());
}
