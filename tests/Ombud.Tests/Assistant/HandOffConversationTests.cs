using Microsoft.EntityFrameworkCore;
using Ombud.Conversations;
using Ombud.Disputes;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>
/// "Human always": every way of asking for a person hands off in the same turn, with no attempt to keep the shopper,
/// and the policy hands off by itself on anger, confusion, vulnerability, large amounts and fraud.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class HandOffConversationTests(AssistantApps apps)
{
    public static TheoryData<string> RequestsForAPerson =>
    [
        // English
        "human", "I want to talk to a human", "agent please", "Can I speak to a real person?", "let me talk to someone real",
        "I need to talk to someone", "get me a live agent", "customer service please", "is there a representative I can talk to",
        "I don't want a bot", "Speak with somebody please", "operator",
        // Swedish
        "människa", "Jag vill prata med en människa", "kan jag prata med någon?", "jag vill ha en handläggare", "riktig person tack",
        "Får jag tala med en riktig person?", "koppla mig till kundtjänst", "prata med nån",
        // German
        "Mensch bitte", "Ich möchte mit einem Menschen sprechen", "Mitarbeiter bitte", "echte Person", "Kann ich mit jemandem sprechen?",
        "Verbinden Sie mich mit einem Mitarbeiter", "Kundendienst bitte", "Ich will keinen Bot, kein Bot!",
        // typos
        "humna please", "I want an agnet", "real persn", "reel person", "talk to somone", "speek to someone", "manniska", "prata med nagon",
        "handlaggare", "Mitarbieter", "mit jemandem sprehcen", "Mensh",
    ];

    /// <summary>
    /// Requests written for issue 11 (indirect, slang, playful misspellings of "human", Swedish and German); none is in
    /// the assistant's written examples (<c>Nlu/Data/person-requests.csv</c>) or in its intent data.
    /// </summary>
    public static TheoryData<string> RequestsInOtherWords => [.. PersonRequestTests.Requests];

    [Theory]
    [MemberData(nameof(RequestsForAPerson))]
    [MemberData(nameof(RequestsInOtherWords))]
    public async Task A_request_for_a_person_in_any_phrasing_hands_off_in_the_same_turn(string request)
    {
        var chat = await SharedChatAsync();
        await chat.StartAsync();
        await chat.SayAsync("hello");

        var turn = await chat.SayAsync(request);

        Assert.True(turn.Handoff, $"'{request}' did not hand off: {turn.Rule} / {turn.Intent}");
        Assert.Equal("human-requested", turn.Rule);
        Assert.NotNull(turn.QueuePosition);
        Assert.Null(turn.Action);
        var handOff = await HandOffAsync(chat.ConversationId);
        Assert.Equal(HandOffReason.Requested, handOff.Reason);
        Assert.Equal(HandOffStatus.Waiting, handOff.Status);
    }

    [Fact]
    public async Task The_talk_to_a_person_button_hands_off_at_once_even_mid_question_and_says_where_the_shopper_stands()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        await chat.SayAsync("I want to return an order");

        var turn = await chat.PressTalkToAPersonAsync();

        Assert.True(turn.Handoff);
        Assert.Equal("human-button", turn.Rule);
        Assert.Contains($"number {turn.QueuePosition}", turn.Reply, StringComparison.Ordinal);
        Assert.Contains("queue", turn.Reply, StringComparison.Ordinal);
        var transcript = await chat.TranscriptAsync();
        Assert.Equal("Button", transcript.HandOff!.Reason);
        Assert.Equal(turn.QueuePosition, transcript.HandOff.Position);
    }

    [Fact]
    public async Task The_button_is_a_sure_request_for_a_person_in_the_conversations_own_language_not_words_to_read()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync("sv");
        await chat.SayAsync("Hej, när kommer min beställning? Jag har inte fått den");

        var turn = await chat.PressTalkToAPersonAsync();

        // The button's label is the product's English, not the shopper's words: it neither turns the conversation to
        // English nor goes through the classifier.
        Assert.True(turn.Handoff);
        Assert.Equal("sv", turn.Language);
        Assert.Contains("Självklart", turn.Reply, StringComparison.Ordinal);
        Assert.Equal("human_agent", turn.Intent);
        Assert.Equal(1.0, turn.Confidence);
    }

    [Fact]
    public async Task After_a_hand_off_the_assistant_only_queues_messages_for_the_person_and_never_tries_to_keep_the_shopper()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        await chat.SayAsync("I want to talk to a human");

        var later = await chat.SayAsync("My headphones never arrived");

        Assert.Equal("waiting-for-person", later.Rule);
        Assert.Null(later.Action);
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<Dispute>().CountAsync(d => d.CustomerId == world.Customer)));
        Assert.Contains("queue", later.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_failed_understandings_in_a_row_hand_off()
    {
        var chat = await SharedChatAsync();
        await chat.StartAsync();

        var first = await chat.SayAsync("blorp quux zzzt");
        var second = await chat.SayAsync("flibber wobble grrk");

        Assert.Equal("not-understood", first.Rule);
        Assert.False(first.Handoff);
        Assert.Equal("not-understood-twice", second.Rule);
        Assert.True(second.Handoff);
        Assert.Equal(HandOffReason.NotUnderstood, (await HandOffAsync(chat.ConversationId)).Reason);
    }

    [Fact]
    public async Task A_hand_off_on_a_yes_to_an_offer_names_the_offered_order_for_the_person()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var offered = await chat.SayAsync($"I never made order {world.Shoes.Reference}, someone used my account");
        var confirmed = await chat.SayAsync("yes");

        Assert.False(offered.Handoff);
        Assert.True(confirmed.Handoff);
        var handOff = await HandOffAsync(chat.ConversationId, world.App);
        var mentioned = handOff.Summary.Split('\n').SingleOrDefault(l => l.StartsWith("Orders mentioned:", StringComparison.Ordinal));
        Assert.True(mentioned is not null, handOff.Summary);
        Assert.Contains(world.Shoes.Reference, mentioned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shopper_growing_angry_is_handed_off_with_the_sentiment_trend_for_the_person()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var calm = await chat.SayAsync($"where is my order {world.Shoes.Reference}");
        var annoyed = await chat.SayAsync("this is taking ages and it is really annoying");
        var furious = await chat.SayAsync("THIS IS RIDICULOUS, USELESS SERVICE!!!");

        Assert.False(calm.Handoff);
        Assert.False(annoyed.Handoff);
        Assert.True(furious.Handoff);
        Assert.Equal("rising-frustration", furious.Rule);
        var handOff = await HandOffAsync(chat.ConversationId, world.App);
        Assert.Equal(HandOffReason.Frustration, handOff.Reason);
        Assert.Contains("worsening", handOff.SentimentTrend, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(handOff.Summary));
        Assert.False(string.IsNullOrWhiteSpace(handOff.SuggestedResolution));
    }

    [Theory]
    [InlineData("My husband passed away last month and I can't keep up with the payments")]
    [InlineData("Min mamma har gått bort och jag har inte råd att betala")]
    [InlineData("Mein Mann ist verstorben und ich kann die Raten nicht zahlen")]
    [InlineData("I'm in hospital with cancer, can my payment wait?")]
    public async Task Signs_of_vulnerability_go_to_a_person_first_in_line(string message)
    {
        var chat = await SharedChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync(message);

        Assert.True(turn.Handoff);
        Assert.Equal("vulnerability", turn.Rule);
        var handOff = await HandOffAsync(chat.ConversationId);
        Assert.Equal(HandOffReason.Vulnerability, handOff.Reason);
        Assert.Equal(0, handOff.Priority);
    }

    [Fact]
    public async Task A_problem_with_an_order_above_the_amount_limit_goes_to_a_person_instead_of_being_reported()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite), withBigOrder: true);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("The OLED television never arrived");

        Assert.True(turn.Handoff);
        Assert.Equal("large-amount", turn.Rule);
        Assert.Null(turn.Action);
        Assert.Equal(HandOffReason.LargeAmount, (await HandOffAsync(chat.ConversationId, world.App)).Reason);
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<Dispute>().CountAsync(d => d.CustomerId == world.Customer)));
    }

    [Fact]
    public async Task A_large_amount_named_in_a_message_goes_to_a_person()
    {
        var chat = await SharedChatAsync();
        await chat.StartAsync();

        var turn = await chat.SayAsync("I was charged 45 000 kr for something I never ordered from you");

        Assert.True(turn.Handoff);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unauthorised_purchase_is_reported_on_the_order_and_handed_to_the_fraud_team(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();

        var offered = await chat.SayAsync($"I never made order {world.Shoes.Reference}, someone used my account, this is fraud");
        var turn = await chat.SayAsync("yes");

        Assert.Equal("offer-unauthorised-purchase", offered.Rule);
        Assert.False(offered.Handoff);
        Assert.True(turn.Handoff);
        Assert.Equal("fraud-claim", turn.Rule);
        Assert.Equal("report_problem", turn.Action);
        var dispute = await world.App.WithDbAsync(db => db.Set<Dispute>().AsNoTracking().SingleAsync(d => d.OrderId == world.Shoes.Id));
        Assert.Equal(DisputeReason.UnauthorisedPurchase, dispute.Reason);
        var handOff = await HandOffAsync(chat.ConversationId, world.App);
        Assert.Equal(HandOffReason.FraudClaim, handOff.Reason);
        Assert.Contains(world.Shoes.Reference, handOff.SuggestedResolution, StringComparison.Ordinal);
    }

    private async Task<HandOff> HandOffAsync(Guid conversationId, OmbudTestApp? app = null) =>
        await (app ?? await apps.GetAsync(Provider.Sqlite)).WithDbAsync(db => db.Set<HandOff>().AsNoTracking().SingleAsync(h => h.ConversationId == conversationId));

    private static OmbudTestApp? SharedApp;
    private static Chat? Shared;
    private static readonly SemaphoreSlim Opening = new(1, 1);

    /// <summary>One signed-in shopper for the tests that only need a conversation each: signing in per row would only slow the suite.</summary>
    private async Task<Chat> SharedChatAsync()
    {
        await Opening.WaitAsync();
        try
        {
            var app = await apps.GetAsync(Provider.Sqlite);
            if (Shared is null || !ReferenceEquals(SharedApp, app))
            {
                SharedApp = app;
                Shared = await (await ShopperWorld.CreateAsync(app)).ChatAsync();
            }

            return Shared;
        }
        finally
        {
            Opening.Release();
        }
    }
}
