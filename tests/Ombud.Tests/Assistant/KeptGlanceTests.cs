using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Assistant.Chat;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>
/// A turn keeps its conversation's glance on the node for the next turn (<see cref="ConversationGlances"/>): what it keeps
/// is what the database holds, and a change made elsewhere, which the kept glance does not know of, still decides the next turn.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class KeptGlanceTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_glance_a_turn_keeps_is_what_the_database_holds_and_an_ending_elsewhere_still_refuses_the_next_turn(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        foreach (var text in new[] { "where is my order?", "hello", "when is my next payment due?" })
        {
            Assert.NotEmpty((await chat.SayAsync(text)).Reply);
        }

        var (kept, stored) = await KeptAndStoredAsync(world, chat.ConversationId);
        Assert.Equal(stored.Glance, kept.Glance);
        Assert.Equal(3, kept.Latest.Count);
        Assert.Equal(stored.Latest.Select(Comparable), kept.Latest.Select(Comparable));

        // Another node (or a tab past this node) ends the conversation: the kept glance still says open.
        await world.App.WithDbAsync(db => db.Set<Conversation>().Where(c => c.Id == chat.ConversationId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.State, ConversationState.Ended).SetProperty(x => x.Version, x => x.Version + 1)));
        var refused = await Assert.ThrowsAsync<HubException>(() => chat.SayAsync("hello again"));
        Assert.Contains("ended", refused.Message, StringComparison.Ordinal);
        Assert.Equal(7, await world.App.WithDbAsync(db => db.Set<ConversationMessage>().CountAsync(m => m.ConversationId == chat.ConversationId)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Erasing_a_conversations_words_moves_its_version_on_so_a_glance_kept_with_the_words_is_never_used_again(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        Assert.NotEmpty((await chat.SayAsync("where is my order?")).Reply);
        var (before, _) = await KeptAndStoredAsync(world, chat.ConversationId);
        Assert.Equal("where is my order?", Assert.Single(before.Latest).Text);

        await world.App.WithDbAsync(async db =>
        {
            var conversations = await db.Set<Conversation>().Where(c => c.CustomerId == world.Customer).ToListAsync();
            var ids = conversations.Select(c => c.Id).ToList();
            ConversationText.Remove(conversations, await db.Set<ConversationMessage>().Where(m => ids.Contains(m.ConversationId)).ToListAsync(), []);
            return await db.SaveChangesAsync();
        });

        // The turn holding the conversation compares versions, and reads the words again when they differ.
        var (_, stored) = await KeptAndStoredAsync(world, chat.ConversationId);
        Assert.NotEqual(before.Glance.Version, stored.Glance.Version);
        Assert.DoesNotContain(stored.Latest, m => m.Text == "where is my order?");
    }

    private static async Task<((ConversationGlance Glance, IReadOnlyList<TranscriptMessage> Latest) Kept, (ConversationGlance Glance, IReadOnlyList<TranscriptMessage> Latest) Stored)>
        KeptAndStoredAsync(ShopperWorld world, Guid conversationId)
    {
        await using var scope = world.App.Services.CreateAsyncScope();
        var count = scope.ServiceProvider.GetRequiredService<ConversationDesk>().LatestCount;
        var kept = world.App.Services.GetRequiredService<ConversationGlances>().Find(conversationId, world.Customer, count);
        Assert.NotNull(kept);
        var stored = await world.App.WithDbAsync(async db =>
        {
            var glance = await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == conversationId)
                .Select(c => new ConversationGlance(c.Id, c.State, c.Language, c.Version)).SingleAsync();
            return (glance, await scope.ServiceProvider.GetRequiredService<ConversationService>().LatestShopperMessagesAsync(conversationId, count, default));
        });
        return (kept.Value, stored);
    }

    /// <summary>A stored time comes back at the database's precision (PostgreSQL: microseconds).</summary>
    private static object Comparable(TranscriptMessage m) =>
        (m.Sequence, m.Author, m.Text, m.Language, m.ClientMessageId, m.Sentiment, m.At.Ticks / TimeSpan.TicksPerMillisecond);
}
