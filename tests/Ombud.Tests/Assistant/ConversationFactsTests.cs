using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Assistant.Dialogue;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>
/// A conversation keeps the shopper's facts between turns, and a change the modules announce (an order delivered, a
/// refund, a payment) reaches the next turn once its event is delivered: the test host runs no dispatcher, so each
/// test delivers the assistant's subscriber itself, as a serving node does moments after the change commits.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class ConversationFactsTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_delivery_and_a_refund_fed_in_between_turns_are_in_the_next_answers(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        var feed = new Feed(await world.App.ClientWithKeyAsync(Scopes.Ingest));

        var onItsWay = await chat.SayAsync($"where is my order {world.Headphones.Reference}?");
        var refundBefore = await chat.SayAsync($"did I get my refund for {world.Espresso.Reference}?");
        Assert.True((await feed.PostAsync($"orders/{world.Headphones.Id}/delivery", new JsonObject())).IsSuccessStatusCode);
        await feed.CreateAsync("refunds", new JsonObject { ["orderId"] = world.Espresso.Id, ["amount"] = 25_000, ["currency"] = "SEK", ["reason"] = "scratched" });
        await DeliverFactsEventsAsync(world.App);
        var delivered = await chat.SayAsync($"where is my order {world.Headphones.Reference}?");
        var refunded = await chat.SayAsync($"did I get my refund for {world.Espresso.Reference}?");

        Assert.Contains($"({world.Headphones.Reference}) was shipped", onItsWay.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("has been refunded", refundBefore.Reply, StringComparison.Ordinal);
        Assert.Contains($"({world.Headphones.Reference}) was delivered", delivered.Reply, StringComparison.Ordinal);
        Assert.Equal("answer-refund-status", refunded.Rule);
        Assert.Contains("250.00 SEK has been refunded", refunded.Reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_balance_asked_again_after_a_payment_between_turns_is_the_new_one(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var before = await chat.SayAsync("how much do I owe in total?");
        var again = await chat.SayAsync("how much do I owe in total?");
        await ConfirmationConversationTests.PayAsync(world, world.Shoes.Id, 10_000);
        var after = await chat.SayAsync("how much do I owe in total?");

        // The balances come with the facts, which the conversation keeps between turns: the payment must not be missed.
        Assert.All([before, again, after], turn => Assert.Equal("answer-balance", turn.Rule));
        Assert.Contains("5,101.25 SEK", before.Reply, StringComparison.Ordinal);
        Assert.Equal(before.Reply, again.Reply);
        Assert.Contains("5,001.25 SEK", after.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_loads_its_facts_once_and_reloads_them_after_the_shoppers_data_changed()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        var kept = world.App.Services.GetRequiredService<ConversationFacts>();
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        await chat.SayAsync("When is my next payment due?");
        var afterFirst = kept.Counts;
        await chat.SayAsync("how do returns work");
        await chat.SayAsync("thanks!");
        var afterThird = kept.Counts;
        await ConfirmationConversationTests.PayAsync(world, world.Shoes.Id, 10_000);
        await chat.SayAsync("When is my next payment due?");
        var afterPayment = kept.Counts;

        Assert.Equal(afterFirst.Loads, afterThird.Loads);
        Assert.Equal(afterFirst.Hits + 2, afterThird.Hits);
        Assert.Equal(afterThird.Loads + 1, afterPayment.Loads);
    }

    /// <summary>
    /// A start reads the shopper's facts while it waits for its batch, with the profile it read anyway, and keeps them for
    /// the new conversation: its first turn reads none and answers from them.
    /// </summary>
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_conversations_start_reads_its_facts_so_its_first_turn_reads_none(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        var kept = world.App.Services.GetRequiredService<ConversationFacts>();
        await using var chat = await world.ChatAsync();
        var loadsBefore = kept.Counts.Loads;

        await chat.StartAsync();
        var keptAtStart = kept.IfKept(chat.ConversationId, world.Customer);
        var loadsAfterStart = kept.Counts.Loads;
        var first = await chat.SayAsync("how much do I owe in total?");

        Assert.NotNull(keptAtStart);
        Assert.Equal(3, keptAtStart.OrderCount);
        Assert.Equal(loadsBefore + 1, loadsAfterStart);
        Assert.Equal(loadsAfterStart, kept.Counts.Loads);
        Assert.Equal("answer-balance", first.Rule);
        Assert.Contains("5,101.25 SEK", first.Reply, StringComparison.Ordinal);
    }

    /// <summary>What a serving node's dispatcher does moments after a change commits, for the assistant's subscriber only.</summary>
    internal static Task DeliverFactsEventsAsync(OmbudTestApp app) =>
        app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(FactsRefresh.Subscriber, default);
}
