using Ombud.Assistant.Nlu;

namespace Ombud.Tests.Assistant;

public sealed class OmbudIntentModelTests
{
    private static readonly Lazy<IntentPredictor> Predictor = new(() =>
    {
        var (model, error) = IntentModel.Load(Path.Combine(AppContext.BaseDirectory, "Assistant", "Nlu", "Data", "ombud-intents.zip"));
        return model?.CreatePredictor() ?? throw new InvalidOperationException(error);
    });

    // None of these is in ombud-intents.csv: the model must generalise, not remember.
    [Theory]
    [InlineData("can i please chat with an actual human")]
    [InlineData("I want a person, not a machine")]
    [InlineData("get me a real agent now")]
    [InlineData("Jag vill prata med en riktig människa")]
    [InlineData("kan jag få en person att hjälpa mig")]
    [InlineData("Ich will mit einem echten Menschen reden")]
    [InlineData("bitte verbinden Sie mich mit einem Mitarbeiter")]
    public void The_shipped_model_hears_a_request_for_a_human_in_english_swedish_and_german(string utterance)
    {
        Assert.Equal("human_agent", Predictor.Value.Predict(utterance).Intent);
    }

    [Theory]
    [InlineData("when do I need to pay my next instalment", "next_payment")]
    [InlineData("jag har blivit debiterad två gånger för samma köp", "charged_twice")]
    [InlineData("Mein Paket ist nie bei mir angekommen", "not_received")]
    public void The_shipped_model_knows_ombuds_other_intents(string utterance, string intent)
    {
        Assert.Equal(intent, Predictor.Value.Predict(utterance).Intent);
    }
}
