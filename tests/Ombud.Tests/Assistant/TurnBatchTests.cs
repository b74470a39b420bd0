using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Assistant.Chat;
using Ombud.Conversations;
using Ombud.Platform.Storage;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>Turns of many conversations commit together, and each shopper hears the reply only once it is stored.</summary>
[Collection(AssistantCollection.Name)]
public sealed class TurnBatchTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Turns_of_many_conversations_sent_at_once_are_each_answered_only_once_both_messages_are_stored(Provider provider)
    {
        // Batched by default on both databases: on PostgreSQL a batch holds and locks its conversations in one statement.
        var app = await apps.GetAsync(provider);
        Assert.True(app.Services.GetRequiredService<TurnBatches>().Take);
        await EachAnsweredOnceStoredAsync(await ShopperWorld.CreateAsync(app));
    }

    [Fact]
    public async Task On_PostgreSQL_with_batching_turned_off_turns_of_many_conversations_are_each_answered_only_once_both_messages_are_stored()
    {
        // Each turn in a unit of work of its own: the conversation locked alone, its messages saved by EF with it.
        await using var app = await OmbudTestApp.StartAsync(Provider.Postgres, settings: new Dictionary<string, string?>
        {
            ["Ombud:Assistant:BatchTurns"] = "false",
        });
        Assert.False(app.Services.GetRequiredService<TurnBatches>().Take);
        await EachAnsweredOnceStoredAsync(await ShopperWorld.CreateAsync(app));
    }

    [Fact]
    public async Task On_PostgreSQL_two_batch_writers_commit_side_by_side_and_every_turn_lands_once_in_order_per_conversation()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Postgres, settings: new Dictionary<string, string?>
        {
            ["Ombud:Assistant:BatchWriters"] = "2",
        });
        var batches = app.Services.GetRequiredService<TurnBatches>();
        Assert.Equal(2, batches.Writers);
        var world = await ShopperWorld.CreateAsync(app);
        var chats = new List<Chat>();
        try
        {
            // Conversations until each writer has some: a conversation's writer is a hash of its id.
            while (chats.Count < 4 || chats.Select(chat => batches.WriterOf(chat.ConversationId)).Distinct().Count() < 2)
            {
                Assert.True(chats.Count < 16, "Sixteen conversations all went to one writer.");
                chats.AddRange(await StartChatsAsync(world, 1));
            }

            var locked = chats.First(chat => batches.WriterOf(chat.ConversationId) == 0);
            var other = chats.First(chat => batches.WriterOf(chat.ConversationId) == 1);
            Task<TurnView> waiting;
            await using (var held = await HeldRow.HoldAsync(app.Database, "conversations_conversations", locked.ConversationId))
            {
                // The first writer's batch waits for the lock another node's transaction holds on its conversation …
                waiting = locked.SayAsync("hello");
                await UntilAsync(() => batches.Committing == 1);
                // … while the second writer commits a turn of its own. A bound on waiting for a writer that would be stuck
                // behind the held lock, not a speed target.
                var answered = await other.SayAsync("where is my order?").WaitAsync(TimeSpan.FromMinutes(1));
                Assert.NotEmpty(answered.Reply);
                Assert.False(waiting.IsCompleted, "the locked conversation's turn was answered while its row was held");
                await held.ReleaseAsync();
            }

            Assert.NotEmpty((await waiting).Reply);

            // Every conversation at once, each sending its turns one after another: each lands once, in the order sent.
            await Task.WhenAll(chats.Select(async (chat, c) =>
            {
                for (var i = 0; i < 3; i++)
                {
                    await chat.SendAsync($"where is my order? ({i})", $"in-order-{c}-{i}");
                }
            }));
            foreach (var (chat, c) in chats.Select((chat, c) => (chat, c)))
            {
                var stored = await app.WithDbAsync(db => db.Set<ConversationMessage>().AsNoTracking()
                    .Where(m => m.ConversationId == chat.ConversationId).OrderBy(m => m.Sequence)
                    .Select(m => new { m.Sequence, m.Author, m.ClientMessageId, m.ReplyToSequence }).ToListAsync());
                var asked = stored.Where(m => m.ClientMessageId != null && m.ClientMessageId.StartsWith("in-order-", StringComparison.Ordinal)).ToList();
                Assert.Equal(Enumerable.Range(0, 3).Select(i => $"in-order-{c}-{i}").ToList(), asked.Select(m => m.ClientMessageId!).ToList());
                // Each answered once, by the message right after it.
                Assert.All(asked, a => Assert.Equal(a.Sequence + 1,
                    Assert.Single(stored, m => m.ReplyToSequence == a.Sequence && m.Author == MessageAuthor.Assistant).Sequence));
            }
        }
        finally
        {
            await DisposeAsync(chats);
        }
    }

    private static async Task EachAnsweredOnceStoredAsync(ShopperWorld world)
    {
        var chats = await StartChatsAsync(world, 12);
        try
        {
            var turns = await Task.WhenAll(chats.Select(async (chat, i) =>
            {
                var turn = await chat.SendAsync("where is my order?", $"together-{i}");
                // Read from another connection the moment the reply arrives: it was committed before it was sent.
                var stored = await world.App.WithDbAsync(db => db.Set<ConversationMessage>().AsNoTracking()
                    .Where(m => m.ConversationId == chat.ConversationId && m.Sequence >= turn.Sequence)
                    .Select(m => new { m.Author, m.ClientMessageId, m.ReplyToSequence, m.Text, m.Sentiment, m.Why, m.At }).ToListAsync());
                return (Turn: turn, Stored: stored);
            }));

            Assert.All(turns, t =>
            {
                // A turn's messages are written as rows of the batch's one insert: what a column leaves empty stays empty.
                var asked = Assert.Single(t.Stored, m => m.Author == MessageAuthor.Shopper);
                var answered = Assert.Single(t.Stored, m => m.Author == MessageAuthor.Assistant);
                Assert.Equal((t.Turn.ClientMessageId, (int?)null, false), (asked.ClientMessageId, asked.ReplyToSequence, asked.Sentiment is null));
                Assert.Equal((t.Turn.Sequence, t.Turn.Reply, (string?)null, (double?)null, true),
                    (answered.ReplyToSequence, answered.Text, answered.ClientMessageId, answered.Sentiment, answered.Why is not null));
                Assert.Equal(DateTimeKind.Utc, answered.At.Kind);
                Assert.InRange(answered.At, asked.At, asked.At.AddMinutes(1));
            });
        }
        finally
        {
            await DisposeAsync(chats);
        }
    }

    [Fact]
    public async Task A_turn_whose_conversation_ended_while_it_waited_for_its_batch_fails_alone()
    {
        // SQLite: the test holds the node's write gate, so the turns queue for their batch where it can see them.
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        var batches = world.App.Services.GetRequiredService<TurnBatches>();
        var chats = await StartChatsAsync(world, 4);
        try
        {
            Task<TurnView> first;
            List<Task<TurnView>> together;
            using (await world.App.Services.GetRequiredService<WriteGate>().EnterAsync(CancellationToken.None))
            {
                // The first turn's batch waits at the gate; the next three queue behind it and make the next batch.
                first = chats[0].SayAsync("hello");
                await UntilAsync(() => batches.Committing == 1);
                together = [.. chats.Skip(1).Select(chat => chat.SayAsync("where is my order?"))];
                await UntilAsync(() => batches.Waiting == 3);
                // The shopper ends the second of them in another tab meanwhile (written straight past the gate).
                await world.App.WithDbAsync(db => db.Set<Conversation>().Where(c => c.Id == chats[2].ConversationId)
                    .ExecuteUpdateAsync(c => c.SetProperty(x => x.State, ConversationState.Ended).SetProperty(x => x.Version, x => x.Version + 1)));
            }

            Assert.NotEmpty((await first).Reply);
            var ended = await Assert.ThrowsAsync<HubException>(() => together[1]);
            Assert.Contains("ended", ended.Message, StringComparison.Ordinal);
            foreach (var (chat, turn) in new[] { (chats[1], together[0]), (chats[3], together[2]) })
            {
                var answered = await turn;
                Assert.NotEmpty(answered.Reply);
                Assert.Equal(3, (await chat.TranscriptAsync()).Messages.Count);
            }

            Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<ConversationMessage>().CountAsync(m => m.ConversationId == chats[2].ConversationId)));
        }
        finally
        {
            await DisposeAsync(chats);
        }
    }

    [Fact]
    public async Task A_conversation_started_while_turns_wait_for_their_batch_commits_in_that_batch_and_is_answered_once_stored()
    {
        // SQLite: the test holds the node's write gate, so the start and the turns queue for their batch where it can see them.
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        var batches = world.App.Services.GetRequiredService<TurnBatches>();
        var writeTime = world.App.Services.GetRequiredService<WriteTime>();
        var chats = await StartChatsAsync(world, 3);
        var starter = await world.ChatAsync();
        try
        {
            var startsAlone = StartsOfTheirOwn();
            Task<TurnView> first;
            Task<Ombud.Assistant.Chat.TranscriptView> starting;
            List<Task<TurnView>> together;
            using (await world.App.Services.GetRequiredService<WriteGate>().EnterAsync(CancellationToken.None))
            {
                first = chats[0].SayAsync("hello");
                await UntilAsync(() => batches.Committing == 1);
                // The new conversation queues with the turns behind the first batch, not at the gate on its own.
                starting = starter.StartAsync();
                together = [.. chats.Skip(1).Select(chat => chat.SayAsync("where is my order?"))];
                await UntilAsync(() => batches.Waiting == 3);
                Assert.False(starting.IsCompleted, "the start was answered before anything could be committed");
            }

            Assert.NotEmpty((await first).Reply);
            var started = await starting;
            Assert.All(await Task.WhenAll(together), turn => Assert.NotEmpty(turn.Reply));
            // Its welcome is stored with it, and its first turn is answered like any other.
            Assert.Equal(MessageAuthor.Assistant.ToString(), Assert.Single(started.Messages).Author);
            Assert.Single(await world.App.WithDbAsync(db => db.Set<ConversationMessage>().AsNoTracking()
                .Where(m => m.ConversationId == started.Id).Select(m => m.Author).ToListAsync()));
            Assert.NotEmpty((await starter.SayAsync("when is my next payment?")).Reply);
            Assert.Equal(startsAlone, StartsOfTheirOwn());
        }
        finally
        {
            await starter.DisposeAsync();
            await DisposeAsync(chats);
        }

        long StartsOfTheirOwn() =>
            writeTime.Snapshot(reset: false).Places.Where(p => p.Place == $"{nameof(ConversationService)}.{nameof(ConversationService.StartAsync)}").Sum(p => p.Units);
    }

    private static async Task<List<Chat>> StartChatsAsync(ShopperWorld world, int count)
    {
        var chats = new List<Chat>();
        for (var i = 0; i < count; i++)
        {
            var chat = await world.ChatAsync();
            await chat.StartAsync();
            chats.Add(chat);
        }

        return chats;
    }

    private static async Task DisposeAsync(List<Chat> chats)
    {
        foreach (var chat in chats)
        {
            await chat.DisposeAsync();
        }
    }

    /// <summary>Waits for a state the test cannot be told of (turns reaching their queue); fails after a minute.</summary>
    private static async Task UntilAsync(Func<bool> reached)
    {
        for (var waited = 0; !reached(); waited += 10)
        {
            Assert.True(waited < 60_000, "The turns did not reach their batch's queue within a minute.");
            await Task.Delay(10);
        }
    }
}
