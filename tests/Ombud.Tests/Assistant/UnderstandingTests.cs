using Ombud.Assistant.Knowledge;
using Ombud.Assistant.Understanding;

namespace Ombud.Tests.Assistant;

/// <summary>The parts of reading a message that need no database: language, sentiment, signals, cleaning, amounts, search.</summary>
public sealed class UnderstandingTests
{
    private static readonly Lazy<KnowledgeBase> Knowledge = new(KnowledgeBase.Shipped);

    [Theory]
    [InlineData("where is my order, it never arrived", "en")]
    [InlineData("Hej, när kommer min beställning? Jag har inte fått den", "sv")]
    [InlineData("Hallo, wo ist meine Bestellung? Ich habe sie nicht bekommen", "de")]
    [InlineData("tack så mycket", "sv")]
    [InlineData("danke schön", "de")]
    public void The_language_of_a_message_is_told_from_its_words_and_letters(string text, string language) =>
        Assert.Equal(language, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("NL-10001")]
    [InlineData("😡😡")]
    [InlineData("ok")]
    public void A_message_without_evidence_keeps_the_conversations_language(string text) =>
        Assert.Equal("sv", LanguageDetector.Follow("sv", LanguageDetector.Detect(text)));

    [Fact]
    public void Anger_scores_below_calm_and_shouting_or_repeating_makes_it_worse()
    {
        var calm = SentimentScorer.Score("where is my order please", []);
        var annoyed = SentimentScorer.Score("this is really annoying", []);
        var shouting = SentimentScorer.Score("THIS IS REALLY ANNOYING!!!", []);
        var repeated = SentimentScorer.Score("where is my order please", ["where is my order please"]);
        var pleased = SentimentScorer.Score("thank you, that was really helpful", []);

        Assert.True(annoyed < calm);
        Assert.True(shouting < annoyed);
        Assert.True(repeated < calm);
        Assert.True(pleased > calm);
        Assert.True(SentimentScorer.Score("das ist eine Frechheit, total unverschämt", []) < -0.5);
        Assert.True(SentimentScorer.Score("det här är helt oacceptabelt och värdelöst", []) < -0.5);
    }

    [Fact]
    public void A_steady_fall_into_anger_is_rising_frustration_and_one_annoyed_message_is_not()
    {
        Assert.False(SentimentScorer.IsRisingFrustration([0, -0.6]));
        Assert.True(SentimentScorer.IsRisingFrustration([0, -0.6, -0.6]));
        Assert.True(SentimentScorer.IsRisingFrustration([0.1, -0.2, -0.45]));
        Assert.True(SentimentScorer.IsRisingFrustration([-0.9]));
        Assert.Contains("worsening", SentimentScorer.Trend([0.2, -0.3, -0.9]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I want to cancel my order")]
    [InlineData("what is the real reason it is late")]
    [InlineData("I did pay, check again")]
    [InlineData("my personal details changed")]
    [InlineData("The agenda for the delivery")]
    public void Ordinary_messages_are_not_requests_for_a_person_or_signs_of_vulnerability(string text)
    {
        Assert.Null(Signals.HumanRequest.FirstMatch(text));
        Assert.Null(Signals.Vulnerability.FirstMatch(text));
    }

    [Fact]
    public void Control_and_direction_characters_go_and_emoji_and_scripts_stay()
    {
        Assert.Equal("where is my order?", TextSanitiser.Clean("where\u0000 is\u0007 my\u200b\u202e order?"));
        Assert.Equal("hej 😀 Где", TextSanitiser.Clean("  hej\t\t😀\n\nГде  "));
        Assert.Equal("a b", TextSanitiser.Clean("a \ud83d b"));
    }

    [Theory]
    [InlineData("1 299,50", 129_950)]
    [InlineData("1,299.50", 129_950)]
    [InlineData("1.299,50", 129_950)]
    [InlineData("1299", 129_900)]
    [InlineData("45 000", 4_500_000)]
    public void Amounts_read_the_same_in_every_local_notation(string number, long minor) =>
        Assert.Equal(minor, EntityExtractor.ParseMinor(number, 2));

    [Theory]
    [InlineData("how do I return something", "en", "returns")]
    [InlineData("can I pay off my whole plan early", "en", "pay-early")]
    [InlineData("hur fungerar dela upp i 4", "sv", "pay-in-4")]
    [InlineData("Wie funktioniert eine Rücksendung?", "de", "returns")]
    [InlineData("how do I change my card", "sv", "change-card")]
    public void How_to_questions_find_their_article_in_the_shoppers_language_or_english(string question, string language, string article)
    {
        var hit = Knowledge.Value.Search(question, language, 10.0);

        Assert.NotNull(hit);
        Assert.Equal(article, hit.Article.Id);
    }

    [Fact]
    public void Every_shipped_article_parses_and_english_covers_every_id()
    {
        var articles = Knowledge.Value.Articles;

        Assert.True(articles.Count >= 20);
        Assert.Equal(["de", "en", "sv"], articles.Select(a => a.Language).Distinct().Order().ToArray());
        Assert.All(articles.Where(a => a.Language != "en"), a => Assert.Contains(articles, e => e.Language == "en" && e.Id == a.Id));
        Assert.Null(Knowledge.Value.Search("what is the weather", "en", 10.0));
    }
}
