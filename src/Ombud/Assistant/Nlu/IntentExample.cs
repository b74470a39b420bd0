namespace Ombud.Assistant.Nlu;

/// <summary>One labelled utterance: what a shopper wrote and the intent it expresses.</summary>
internal sealed class IntentExample
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";
}

/// <summary>What one model of the learner says about an utterance: a probability per intent, in its own slot order.</summary>
internal sealed class IntentScores
{
    public float[] Score { get; set; } = [];
}
