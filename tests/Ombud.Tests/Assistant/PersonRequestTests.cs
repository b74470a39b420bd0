using Microsoft.Extensions.Options;
using Ombud.Assistant;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Understanding;

namespace Ombud.Tests.Assistant;

/// <summary>
/// Hand-off by meaning, through the reading every live turn uses (<see cref="MessageReader"/>): the policy hands off
/// when the reading names a person request or its intent is <c>human_agent</c>, so a mention must have neither. The
/// requests below also run as whole conversations in <see cref="HandOffConversationTests"/>. The sentence encoder is
/// loaded once per test process (a few seconds on this machine) and shared by every test that reads.
/// </summary>
public sealed class PersonRequestTests
{
    /// <summary>Written for issue 11; none is among the written examples the decision compares with.</summary>
    public static readonly string[] Requests =
    [
        // English: indirect, slang, typos, playful misspellings of "human"
        "can somebody from your team contact me", "could someone from your side give me a ring", "i'd like a real live human to help me with this",
        "hoomans only please", "can i get a hyoomun", "any hooomans around", "need to talk to a hooman asap", "hu-man please",
        "is there a humen i can speak with", "talk to a persin", "i wanna speak to somebody who actually works there",
        "please let a real agent take over", "stop the bot and get me a person", "can a member of staff email me about my case",
        "have someone call me back tomorrow", "i'd like somebody to phone me", "i need a proper person to look at this",
        "your team should contact me directly", "can i be put through to customer care", "escalate me to a supervisor please",
        "bring me a human", "i demand to speak to a manager", "get a human on the line", "someone real please, not an algorithm",
        "can a colleague of yours have a look and get back to me",
        // Swedish
        "kan någon från er ringa upp mig", "jag vill prata med någon som jobbar där", "kan en riktig människa svara mig",
        "kan ni be en handläggare kontakta mig", "snälla, en människa", "jag vill inte prata med en robot, ge mig en person",
        "kan jag bli kopplad till en anställd", "ring mig någon",
        // German
        "ich will einen echten menschen", "kann mich bitte jemand zurückrufen", "können sie mich mit einem kollegen verbinden",
        "ich möchte keinen chatbot sondern einen mitarbeiter", "bitte einen menschen ans telefon", "kann ich mit jemandem von ihrem team sprechen",
        "ein echter mensch bitte",
    ];

    /// <summary>Ordinary messages that mention agents, staff, people or humans in another sense.</summary>
    public static readonly string[] MentionTexts =
    [
        // English
        "the delivery driver threw my parcel over the fence", "the courier was really rude to me",
        "the mailman lost my package", "the staff in the store refused my return", "a shop employee gave me the wrong size",
        "the sales agent in the store promised free shipping", "i bought a book called being human",
        "i ordered the novel the human factor and it never came", "my order of humans of new york arrived torn",
        "the person at the counter said i'd get my money back", "my neighbour took in the parcel for me", "my wife used my account to buy shoes",
        "somebody stole my parcel from the doorstep", "someone else's name is on the invoice", "my son ordered this without asking",
        "the team jersey i bought is the wrong size", "i ordered a team building board game", "the agent at the post office said it was returned",
        "the robot lawnmower stopped working", "people say the refund takes a week, is that true", "the manager at the outlet told me to contact you",
        "i already talked to a human at the store and they said to write here", "your colleague told me the refund was sent, where is it",
        "thanks, the person on the phone already helped me", "my human rights book was charged twice",
        "the action figure of a human skeleton is broken", "i ordered a chatbot book for my dad", "the warehouse staff packed the wrong item",
        "is the human hair wig returnable",
        // Swedish
        "budbilschauffören var otrevlig", "personalen i affären vägrade ta emot returen", "jag köpte en bok som heter människor och makt",
        "min granne tog emot paketet", "någon har stulit mitt paket", "min son beställde detta utan att fråga",
        // German
        "der lieferant hat das paket einfach vor die tür gelegt", "die verkäuferin im laden hat mir die falsche größe gegeben",
        "ich habe ein buch über den menschen bestellt, es ist nicht angekommen", "mein nachbar hat das paket angenommen",
        "jemand hat mein paket gestohlen", "meine frau hat mit meinem konto bestellt",
    ];

    public static TheoryData<string> Mentions => [.. MentionTexts];

    private static readonly Lazy<MessageReader> Reader = new(() => new MessageReader(new IntentClassifier(Options.Create(new AssistantOptions()))));

    [Theory]
    [MemberData(nameof(Mentions))]
    public void A_person_mentioned_in_another_sense_is_not_a_request_for_one(string message)
    {
        var reading = Read(message);

        Assert.Null(reading.HumanPhrase);
        Assert.NotEqual(PersonRequest.Intent, reading.Intent);
    }

    [Fact]
    public void Every_request_written_for_the_issue_reads_as_one_and_names_why()
    {
        var missed = Requests.Where(r => Read(r).HumanPhrase is null).ToList();

        Assert.True(missed.Count == 0, $"not read as requests: {string.Join(" | ", missed)}");
        // No phrase from the list in it: the reason names the written request it is closest to.
        Assert.StartsWith("in other words: \"", Read("can somebody from your team contact me").HumanPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_phrasings_are_not_among_the_written_examples_the_decision_compares_with()
    {
        var written = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Assistant", "Nlu", "Data", "person-requests.csv"))
            .Select(l => l[..l.LastIndexOf(',')]).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(Requests.Length >= 40 && MentionTexts.Length >= 40);
        Assert.DoesNotContain(Requests, written.Contains);
        Assert.DoesNotContain(MentionTexts, written.Contains);
    }

    private static Reading Read(string message) =>
        Reader.Value.Read(message, "en", [], new CustomerFacts(Guid.NewGuid(), "Anna Svensson", "en-SE", "SE", []), new DateOnly(2026, 12, 5));
}
