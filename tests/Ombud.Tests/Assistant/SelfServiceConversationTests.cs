using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>Scripted conversations over the real hub and database: answers from the shopper's own data, and actions through Disputes.</summary>
[Collection(AssistantCollection.Name)]
public sealed class SelfServiceConversationTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Pausing_a_payment_while_a_return_is_on_its_way_reports_the_return_and_registers_the_parcel(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var offered = await chat.SayAsync($"Please pause my payments, I'm returning the espresso machine from order {world.Espresso.Reference}");
        var asked = await chat.SayAsync("yes");
        var answered = await chat.SayAsync("It's going back with PostNord, tracking 00370712345678901");

        Assert.Equal("offer-report-return", offered.Rule);
        Assert.Null(offered.Action);
        Assert.Equal("pause_for_return", asked.Action);
        Assert.False(asked.Handoff);
        Assert.Contains("tracking number", asked.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("register_return", answered.Action);
        Assert.Contains("00370712345678901", answered.Reply, StringComparison.Ordinal);
        var dispute = await DisputeOnAsync(world, world.Espresso.Id);
        Assert.Equal(DisputeReason.RefundNotProcessed, dispute.Reason);
        Assert.Equal("PostNord", dispute.ReturnCarrier);
        Assert.Equal("00370712345678901", dispute.ReturnTrackingNumber);
        var plan = await PlanAsync(world, world.Espresso.Id);
        Assert.NotNull(plan.HeldSince);
        Assert.Equal(world.Espresso.TotalMinor - 115_975, plan.Held.Minor);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Goods_that_never_arrived_open_a_dispute_that_pauses_the_unpaid_instalments(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var offered = await chat.SayAsync("My headphones never arrived, it's been three weeks");
        var turn = await chat.SayAsync("yes");

        Assert.Equal("not_received", offered.Intent);
        Assert.Equal("report_problem", turn.Action);
        Assert.Contains(world.Headphones.Reference, turn.Reply, StringComparison.Ordinal);
        Assert.Contains("674.00 SEK", turn.Reply, StringComparison.Ordinal);
        var dispute = await DisputeOnAsync(world, world.Headphones.Id);
        Assert.Equal(DisputeReason.GoodsOrServiceNotReceived, dispute.Reason);
        Assert.Equal(67_400, (await PlanAsync(world, world.Headphones.Id)).Held.Minor);
    }

    [Fact]
    public async Task The_next_instalment_is_the_earliest_collectible_one_across_all_orders()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("When is my next payment due?");

        Assert.Equal("next_payment", turn.Intent);
        Assert.Equal("answer-next-payment", turn.Rule);
        Assert.Contains("337.00 SEK", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("2026-11-26", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("Nordljud Elektronik", turn.Reply, StringComparison.Ordinal);
        Assert.Null(turn.Action);
    }

    [Fact]
    public async Task The_balance_is_what_the_customer_owes_on_all_plans()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("how much do I owe in total?");

        Assert.Equal("answer-balance", turn.Rule);
        // 674.00 + 3,479.25 + 948.00 still to pay.
        Assert.Contains("5,101.25 SEK", turn.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_status_names_the_carrier_and_tracking_of_the_order_asked_about()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync($"where is my order {world.Headphones.Reference}?");

        Assert.Equal("answer-order-status", turn.Rule);
        Assert.Contains("PostNord", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("2026-11-02", turn.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_order_gets_one_question_listing_the_candidates_and_the_answer_is_acted_on()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var question = await chat.SayAsync("I've returned an order");
        var offered = await chat.SayAsync("the second one");
        var answer = await chat.SayAsync("yes");

        Assert.Equal("clarify-order", question.Rule);
        Assert.Null(question.Action);
        Assert.Equal(3, question.Choices.Count);
        Assert.Contains(world.Espresso.Reference, question.Choices[1], StringComparison.Ordinal);
        Assert.Equal("offer-report-return", offered.Rule);
        Assert.Contains(world.Espresso.Reference, offered.Reply, StringComparison.Ordinal);
        Assert.Equal("pause_for_return", answer.Action);
        Assert.Contains(world.Espresso.Reference, answer.Reply, StringComparison.Ordinal);
        Assert.Equal(DisputeReason.RefundNotProcessed, (await DisputeOnAsync(world, world.Espresso.Id)).Reason);
    }

    private static Task<Dispute> DisputeOnAsync(ShopperWorld world, Guid order) =>
        world.App.WithDbAsync(db => db.Set<Dispute>().AsNoTracking().SingleAsync(d => d.OrderId == order));

    private static Task<PaymentPlan> PlanAsync(ShopperWorld world, Guid order) =>
        world.App.WithDbAsync(db => db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.OrderId == order));
}
