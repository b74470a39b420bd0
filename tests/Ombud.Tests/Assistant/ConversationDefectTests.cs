using Microsoft.EntityFrameworkCore;
using Ombud.Conversations;
using Ombud.Disputes;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;
using Ombud.Tests.Web;
using static Ombud.Tests.Assistant.ConfirmationConversationTests;

namespace Ombud.Tests.Assistant;

/// <summary>
/// One conversation per defect found by trying the assistant as a new shopper would (issue 11, "Why"): acting on money
/// without asking, a conversation that lost its thread, and replies in the wrong language or format. Each failed on
/// the code before this change.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class ConversationDefectTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_return_still_to_be_sent_gets_the_how_to_and_pauses_nothing(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("I want to return the espresso machine");

        Assert.Equal("return-how-to", turn.Rule);
        Assert.Null(turn.Action);
        Assert.Contains("Nothing is paused yet", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("tracking number", turn.Reply, StringComparison.Ordinal);
        Assert.Equal(0, await DisputesAsync(world, world.Espresso.Id));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Charged_twice_looks_for_two_equal_payments_and_offers_to_report_only_those(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await PayAsync(world, world.Espresso.Id, 115_975);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("I was charged twice for the espresso machine");

        Assert.Equal("offer-charged-twice", turn.Rule);
        Assert.Null(turn.Action);
        Assert.Contains("two payments of 1,159.75 SEK", turn.Reply, StringComparison.Ordinal);
        Assert.Equal(0, await DisputesAsync(world, world.Espresso.Id));
    }

    [Fact]
    public async Task Charged_twice_without_two_equal_payments_says_what_was_found_and_reports_nothing()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("I was charged twice for the espresso machine");

        Assert.Equal("charged-twice-not-found", turn.Rule);
        Assert.Null(turn.Action);
        Assert.Contains("1,159.75 SEK", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("person", turn.Reply, StringComparison.Ordinal);
        Assert.Equal(0, await DisputesAsync(world, world.Espresso.Id));
    }

    [Fact]
    public async Task A_return_of_a_paid_off_order_pauses_nothing_and_says_a_refund_follows()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await PayAsync(world, world.Shoes.Id, world.Shoes.TotalMinor);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("I returned the running shoes");

        Assert.Equal("return-paid-off", turn.Rule);
        Assert.Null(turn.Action);
        Assert.DoesNotContain("0.00 SEK", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("refund", turn.Reply, StringComparison.Ordinal);
        Assert.Equal(0, await DisputesAsync(world, world.Shoes.Id));
    }

    [Fact]
    public async Task A_new_topic_after_which_order_is_answered_as_the_new_topic()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var question = await chat.SayAsync("I want to check the status of an order");
        var topic = await chat.SayAsync("my parcel never arrived");

        Assert.Equal("clarify-order", question.Rule);
        Assert.Equal("offer-not-received", topic.Rule);
        Assert.Contains(world.Headphones.Reference, topic.Reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thanks")]
    [InlineData("ok")]
    [InlineData("tack så mycket")]
    [InlineData("how are you?")]
    public async Task Thanks_and_small_talk_never_hand_off(string text)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var first = await chat.SayAsync(text);
        var second = await chat.SayAsync(text);

        Assert.False(first.Handoff);
        Assert.False(second.Handoff);
        Assert.StartsWith("small-talk", second.Rule, StringComparison.Ordinal);
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<HandOff>().CountAsync(h => h.ConversationId == chat.ConversationId)));
    }

    [Fact]
    public async Task A_lone_number_with_no_list_open_gets_a_helpful_reply()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("1");

        Assert.Equal("number-without-list", turn.Rule);
        Assert.DoesNotContain("due date", turn.Reply, StringComparison.Ordinal);
        Assert.False(turn.Handoff);
    }

    [Theory]
    [InlineData("I've returned the espresso machine", "PostNord 00370712345678901", "00370712345678901")]
    [InlineData("Ich habe die Bestellung von Kaffekompaniet zurückgeschickt", "DHL 00340434161234567890", "00340434161234567890")]
    public async Task The_tracking_number_in_the_form_the_assistant_asked_for_is_understood(string returned, string tracking, string number)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        await chat.SayAsync(returned);
        var paused = await chat.SayAsync(returned.StartsWith("Ich", StringComparison.Ordinal) ? "ja" : "yes");
        var registered = await chat.SayAsync(tracking);

        Assert.Equal("pause_for_return", paused.Action);
        Assert.Contains(tracking, paused.Reply, StringComparison.Ordinal);
        Assert.Equal("register_return", registered.Action);
        Assert.Equal(number, (await DisputeAsync(world, world.Espresso.Id)).ReturnTrackingNumber);
    }

    [Fact]
    public async Task The_chat_page_greets_in_the_page_language_not_the_shoppers_locale()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite), name: "Sven Ek", locale: "sv-SE");
        using var session = new WebSession(world.App);
        await session.SignInAsync(world.Email, People.Password);
        session.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var html = await session.GetPageAsync("/assistant");

        Assert.Contains("Hi Sven!", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hej Sven!", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hur mycket är jag skyldig totalt?", "5 101,25 kr")]
    [InlineData("Wie viel schulde ich insgesamt?", "5.101,25 SEK")]
    public async Task Swedish_and_German_replies_write_amounts_their_own_way(string text, string amount)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync(text);

        Assert.Equal("answer-balance", turn.Rule);
        Assert.Contains(amount, Spaces(turn.Reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("När är min nästa betalning?", "337,00 kr", "26 november 2026")]
    [InlineData("Wann ist meine nächste Zahlung?", "337,00 SEK", "26. November 2026")]
    public async Task Swedish_and_German_replies_write_dates_their_own_way(string text, string amount, string date)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync(text);

        Assert.Equal("answer-next-payment", turn.Rule);
        Assert.Contains(amount, Spaces(turn.Reply), StringComparison.Ordinal);
        Assert.Contains(date, turn.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-11-26", turn.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shopper_who_writes_Sie_is_answered_with_Sie()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("Können Sie mir sagen, wann meine nächste Zahlung fällig ist?");

        Assert.Equal("de", turn.Language);
        Assert.Contains("Ihre nächste Zahlung", turn.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("deine", turn.Reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_German_phrase_has_a_formal_form_without_an_informal_word()
    {
        var informal = new System.Text.RegularExpressions.Regex(@"\b(du|dich|dir|dein|deine|deinen|deiner|deinem|frag|antworte|kontaktiere|schreib|sag|nenn|nenne)\b",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var left = Ombud.Assistant.Dialogue.Phrases.GermanPhrases().Where(p => informal.IsMatch(p.Formal)).Select(p => $"{p.Key}: {p.Formal}").ToList();

        Assert.Empty(left);
        Assert.Contains(Ombud.Assistant.Dialogue.Phrases.GermanPhrases(), p => p.Key == "which-order" && p.Formal == "Welche Bestellung meinen Sie?");
    }

    /// <summary>Group separators as plain spaces: .NET writes sv-SE groups with a no-break space.</summary>
    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
