using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Conversations;

/// <summary>
/// Everyone reading a conversation hears of what happens in it as it happens: a person's message reaches the shopper's
/// connection, on the node it is on, only once the message is stored.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class LiveConversationTests(AssistantApps apps)
{
    private const string Agent = "agent-live-1";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_persons_message_reaches_the_shoppers_connection_as_news_and_a_refused_one_never_does(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        await chat.PressTalkToAPersonAsync();
        var news = Channel.CreateUnbounded<ConversationNews>();
        await chat.FollowAsync(news.Writer);

        await InScopeAsync(world.App, s => s.GetRequiredService<ConversationService>().AssignAsync(chat.ConversationId, Agent, default));
        var refused = await InScopeAsync(world.App, s => s.GetRequiredService<UnitOfWork>().RunAsync<bool>(async ct =>
        {
            await s.GetRequiredService<ConversationService>().AppendAsync(chat.ConversationId,
                new MessageDraft(MessageAuthor.Agent, "Never sent", "en", AuthorId: Agent), ct);
            return new Conflict("Changed my mind.");
        }, default));
        var written = await InScopeAsync(world.App, s => s.GetRequiredService<ConversationService>().AppendAsync(chat.ConversationId,
            new MessageDraft(MessageAuthor.Agent, "Hi, I'm Maja. I can see your order.", "en", AuthorId: Agent), default));

        var heard = await NextAsync(news.Reader, n => n.Kind == ConversationNewsKind.Message);
        var transcript = await chat.TranscriptAsync();
        Assert.False(refused.Succeeded);
        Assert.Equal((MessageAuthor.Agent, written.Value!.Sequence), (heard.Who!.Value, heard.Sequence!.Value));
        Assert.Equal("Hi, I'm Maja. I can see your order.", transcript.Messages[^1].Text);
        Assert.DoesNotContain(transcript.Messages, m => m.Text == "Never sent");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_connection_hears_only_the_conversation_it_follows_and_only_its_own_customers(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        var other = await ShopperWorld.CreateAsync(world.App);
        await using var stranger = await other.ChatAsync();
        await stranger.StartAsync();
        var news = Channel.CreateUnbounded<ConversationNews>();
        await chat.FollowAsync(news.Writer);

        stranger.Resume(chat.ConversationId);
        var peeking = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => stranger.FollowAsync(Channel.CreateUnbounded<ConversationNews>().Writer));
        await InScopeAsync(world.App, s => s.GetRequiredService<ConversationFeed>().TypingAsync(Guid.CreateVersion7(), MessageAuthor.Agent).ContinueWith(_ => true));
        await InScopeAsync(world.App, s => s.GetRequiredService<ConversationFeed>().TypingAsync(chat.ConversationId, MessageAuthor.Agent).ContinueWith(_ => true));

        var heard = await NextAsync(news.Reader, _ => true);
        Assert.Contains("No conversation", peeking.Message);
        Assert.Equal((chat.ConversationId, ConversationNewsKind.Typing, MessageAuthor.Agent), (heard.ConversationId, heard.Kind, heard.Who!.Value));
    }

    [Fact]
    public async Task With_redis_a_message_stored_on_one_node_is_news_on_the_other()
    {
        var redis = Environment.GetEnvironmentVariable("OMBUD_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("OMBUD_TEST_REDIS is not set: run the tests with ./test.sh, which starts Redis.");
        var settings = new Dictionary<string, string?> { ["Ombud:Redis"] = redis };
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        await using var first = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart, settings: settings);
        await using var second = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart, settings: settings);
        var world = await ShopperWorld.CreateAsync(first);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        var news = Channel.CreateUnbounded<ConversationNews>();
        using var following = second.Services.GetRequiredService<ConversationFeed>().Follow(chat.ConversationId, n => news.Writer.WriteAsync(n).AsTask());

        var written = await InScopeAsync(first, s => s.GetRequiredService<ConversationService>().AppendAsync(chat.ConversationId,
            new MessageDraft(MessageAuthor.System, "A person will join shortly.", "en"), default));

        // The greeting's notice, published through Redis without waiting, may still arrive after the follow began.
        var heard = await NextAsync(news.Reader, n => n.Kind == ConversationNewsKind.Message && n.Who == MessageAuthor.System);
        Assert.Equal(written.Value!.Sequence, heard.Sequence!.Value);
    }

    private static async Task<ConversationNews> NextAsync(ChannelReader<ConversationNews> news, Func<ConversationNews, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var next = await news.ReadAsync(timeout.Token);
            if (wanted(next))
            {
                return next;
            }
        }
    }

    private static async Task<T> InScopeAsync<T>(OmbudTestApp app, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
