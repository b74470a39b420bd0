using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Platform.Auth;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>
/// Acting on money only after a yes, over the real hub: the offer names the order, the amount and the next step and
/// changes nothing; a yes acts, a no changes nothing, anything else lets the offer lapse, and a yes after the order
/// changed is checked again and not acted on.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class ConfirmationConversationTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_offer_changes_nothing_and_a_yes_reports_the_order_and_pauses_its_payments(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var offered = await chat.SayAsync("My headphones never arrived, it's been three weeks");
        var disputesAfterOffer = await DisputesAsync(world, world.Headphones.Id);
        var accepted = await chat.SayAsync("yes");

        Assert.Equal("offer-not-received", offered.Rule);
        Assert.Null(offered.Action);
        Assert.Contains(world.Headphones.Reference, offered.Reply, StringComparison.Ordinal);
        Assert.Contains("674.00 SEK", offered.Reply, StringComparison.Ordinal);
        Assert.Contains("Reply yes", offered.Reply, StringComparison.Ordinal);
        Assert.Equal(0, disputesAfterOffer);
        Assert.Equal("report_problem", accepted.Action);
        Assert.Equal(DisputeReason.GoodsOrServiceNotReceived, (await DisputeAsync(world, world.Headphones.Id)).Reason);
        Assert.Equal(67_400, (await PlanAsync(world, world.Headphones.Id)).Held.Minor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_no_changes_nothing_and_says_so(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        await chat.SayAsync("My headphones never arrived");
        var declined = await chat.SayAsync("no");

        Assert.Equal("offer-declined", declined.Rule);
        Assert.Null(declined.Action);
        Assert.Contains("haven't changed anything", declined.Reply, StringComparison.Ordinal);
        Assert.Equal(0, await DisputesAsync(world, world.Headphones.Id));
        Assert.Equal(0, (await PlanAsync(world, world.Headphones.Id)).Held.Minor);
    }

    [Fact]
    public async Task Something_else_is_answered_as_a_new_message_and_the_offer_lapses()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        await chat.SayAsync("My headphones never arrived");
        var other = await chat.SayAsync($"where is my order {world.Shoes.Reference}?");
        var lateYes = await chat.SayAsync("yes");

        Assert.Equal("answer-order-status", other.Rule);
        Assert.Contains("haven't done what I offered", other.Reply, StringComparison.Ordinal);
        Assert.Contains($"({world.Shoes.Reference}) was delivered", other.Reply, StringComparison.Ordinal);
        Assert.Null(lateYes.Action);
        Assert.Equal(0, await DisputesAsync(world, world.Headphones.Id));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_yes_after_the_order_was_paid_off_is_checked_again_and_not_acted_on(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var offered = await chat.SayAsync("My headphones never arrived");
        await PayAsync(world, world.Headphones.Id, 67_400);
        var late = await chat.SayAsync("yes");

        Assert.Equal("offer-not-received", offered.Rule);
        Assert.Equal("offer-stale", late.Rule);
        Assert.Null(late.Action);
        Assert.Contains("nothing left to pay", late.Reply, StringComparison.Ordinal);
        Assert.Equal(0, await DisputesAsync(world, world.Headphones.Id));
    }

    [Fact]
    public async Task A_yes_after_a_report_was_opened_elsewhere_is_not_acted_on_twice()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var first = await world.ChatAsync();
        await using var second = await world.ChatAsync();
        await first.StartAsync();
        await second.StartAsync();

        await first.SayAsync("My headphones never arrived");
        await second.SayAsync("My headphones never arrived");
        var acted = await second.SayAsync("yes");
        var late = await first.SayAsync("yes");

        Assert.Equal("report_problem", acted.Action);
        Assert.Equal("offer-stale", late.Rule);
        Assert.Null(late.Action);
        Assert.Contains("problem report", late.Reply, StringComparison.Ordinal);
        Assert.Equal(1, await DisputesAsync(world, world.Headphones.Id));
    }

    internal static Task<int> DisputesAsync(ShopperWorld world, Guid order) =>
        world.App.WithDbAsync(db => db.Set<Dispute>().CountAsync(d => d.OrderId == order));

    internal static Task<Dispute> DisputeAsync(ShopperWorld world, Guid order) =>
        world.App.WithDbAsync(db => db.Set<Dispute>().AsNoTracking().SingleAsync(d => d.OrderId == order));

    internal static Task<PaymentPlan> PlanAsync(ShopperWorld world, Guid order) =>
        world.App.WithDbAsync(db => db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.OrderId == order));

    /// <summary>A payment fed in by the provider, as happens between two messages, and its event delivered to the assistant.</summary>
    internal static async Task PayAsync(ShopperWorld world, Guid order, long amount)
    {
        var feed = new Feed(await world.App.ClientWithKeyAsync(Scopes.Ingest));
        await feed.CreateAsync("payments", new JsonObject { ["orderId"] = order, ["amount"] = amount, ["currency"] = "SEK" });
        await ConversationFactsTests.DeliverFactsEventsAsync(world.App);
    }
}
