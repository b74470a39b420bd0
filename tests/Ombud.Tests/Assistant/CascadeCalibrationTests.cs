using Ombud.Assistant.Nlu;

namespace Ombud.Tests.Assistant;

/// <summary>How the learner judges a meaning model on held-back rows: the cascade's answer, out-of-scope threshold included.</summary>
public sealed class CascadeCalibrationTests
{
    private static readonly string[] Intents = ["balance", "oos", "refund_status"];

    [Fact]
    public void A_sure_n_gram_answer_stands_and_an_unsure_one_is_settled_by_the_blend()
    {
        string[] labels = ["balance", "refund_status"];
        // Row 1: the n-gram side is sure of balance (right). Row 2: it is unsure and wrong; the meaning model is sure and right.
        float[][] nGram = [[0.9f, 0.05f, 0.05f], [0.5f, 0.1f, 0.4f]];
        float[][] meaning = [[0.1f, 0.1f, 0.8f], [0.05f, 0.05f, 0.9f]];

        var correct = MeaningModel.Correct(Intents, labels, nGram, meaning, new Cascade(NGramSure: 0.8f, MeaningWeight: 0.7f, OutOfScopeBelow: null));

        Assert.Equal(2, correct);
        // The same rows with the meaning model weighing little: row 2 keeps the n-gram side's wrong answer.
        Assert.Equal(1, MeaningModel.Correct(Intents, labels, nGram, meaning, new Cascade(0.8f, 0.1f, null)));
    }

    [Fact]
    public void An_answer_less_sure_than_the_out_of_scope_threshold_counts_as_oos()
    {
        string[] labels = ["oos", "balance"];
        // Row 1: an off-topic message read as a weak balance; row 2: a clear balance question.
        float[][] nGram = [[0.4f, 0.3f, 0.3f], [0.7f, 0.1f, 0.2f]];
        float[][] meaning = [[0.4f, 0.3f, 0.3f], [0.7f, 0.1f, 0.2f]];

        Assert.Equal(2, MeaningModel.Correct(Intents, labels, nGram, meaning, new Cascade(0.9f, 0.5f, OutOfScopeBelow: 0.5f)));
        Assert.Equal(1, MeaningModel.Correct(Intents, labels, nGram, meaning, new Cascade(0.9f, 0.5f, OutOfScopeBelow: null)));
    }
}
