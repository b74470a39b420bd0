using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Conversations;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>"I can't pay this month" over the real hub: options with costs, a yes acts, anything else changes nothing, debt advice always.</summary>
[Collection(AssistantCollection.Name)]
public sealed class PaymentDifficultyConversationTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task I_cant_pay_this_month_offers_an_extension_with_its_cost_a_no_changes_nothing_and_a_yes_extends(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        var before = await PlanAsync(world);

        var offered = await chat.SayAsync("I can't pay this month");
        var declined = await chat.SayAsync("no thanks");
        var unchanged = await PlanAsync(world);
        await chat.SayAsync("Can I pay later?");
        var accepted = await chat.SayAsync("yes please");

        Assert.False(offered.Handoff);
        Assert.Contains("29.00 SEK", offered.Reply, StringComparison.Ordinal);
        Assert.Contains("Kronofogden", offered.Reply, StringComparison.Ordinal);
        Assert.Null(declined.Action);
        Assert.Equal(before.NextDue!.DueDate, unchanged.NextDue!.DueDate);
        Assert.Equal(0, unchanged.ExtensionsTaken);
        Assert.Equal("plan.adjusted:ExtendDueDate", accepted.Action);
        var after = await PlanAsync(world);
        Assert.Equal(1, after.ExtensionsTaken);
        Assert.Equal(before.Outstanding.Minor + 2_900, after.Outstanding.Minor);
        Assert.Contains("now due", accepted.Reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jag kan inte betala den här månaden", "ja tack", "Kostnad", "Skjut upp din nästa betalning 14 dagar", "Klart. Din nästa betalning förfaller 14 dagar senare.", "29,00 kr")]
    [InlineData("Ich kann diesen Monat nicht zahlen", "ja bitte", "Kosten", "Deine nächste Zahlung um 14 Tage verschieben", "Erledigt. Deine nächste Zahlung wird 14 Tage später fällig.", "29,00 SEK")]
    public async Task Swedish_and_German_shoppers_get_their_options_in_their_language_and_act_with_a_yes(string text, string yes, string costWord, string title, string done,
        string cost)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var offered = await chat.SayAsync(text);
        var accepted = await chat.SayAsync(yes);

        Assert.Contains(costWord, offered.Reply, StringComparison.Ordinal);
        Assert.Contains(title, offered.Reply, StringComparison.Ordinal);
        Assert.Contains(cost, offered.Reply.Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain("Move your next payment", offered.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Spread what is left", offered.Reply, StringComparison.Ordinal);
        Assert.Equal(done, accepted.Reply);
        Assert.Equal("plan.adjusted:ExtendDueDate", accepted.Action);
        Assert.Equal(1, (await PlanAsync(world)).ExtensionsTaken);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Losing_a_job_hands_off_to_a_person_with_debt_advice_and_changes_no_plan(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("I lost my job and I don't know how to pay");

        Assert.True(turn.Handoff);
        Assert.Contains("Kronofogden", turn.Reply, StringComparison.Ordinal);
        Assert.Equal(0, (await PlanAsync(world)).ExtensionsTaken);
        var handOff = await world.App.WithDbAsync(db => db.Set<HandOff>().AsNoTracking().SingleAsync(h => h.ConversationId == chat.ConversationId));
        Assert.Equal((HandOffReason.FinancialDifficulty, 0), (handOff.Reason, handOff.Priority));
        Assert.Equal(Ombud.Marketplace.Skill.FinancialDifficulty, Ombud.Marketplace.Dispatch.HandOffNeeds.Of(handOff.Reason.ToString(), handOff.Priority, handOff.Intent, false).Skill);
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<DifficultyDisclosure>().CountAsync(d => d.CustomerId == handOff.CustomerId)));
    }

    private static Task<PaymentPlan> PlanAsync(ShopperWorld world) =>
        world.App.WithDbAsync(db => db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.OrderId == world.Headphones.Id));
}
