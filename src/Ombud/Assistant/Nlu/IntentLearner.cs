using Microsoft.ML;

namespace Ombud.Assistant.Nlu;

/// <summary>Learns an <see cref="IntentModel"/> from labelled utterances by a <see cref="IntentRecipe"/>.</summary>
internal static class IntentLearner
{
    /// <summary>Every fifth utterance of each intent is held back to calibrate the cascade when no calibration set is given.</summary>
    private const int HoldBackEvery = 5;

    /// <param name="progress">Told the name of each step as it starts, and its index among <see cref="Steps"/>.</param>
    /// <param name="calibration">
    /// Labelled utterances the models do not learn from, to choose the cascade on (a validation set). Without them a
    /// recipe with sentence embeddings learns once on four fifths of the rows, calibrates on the rest, then learns
    /// again on all of them. The meaning model is chosen on them too (<see cref="MeaningModel.Candidates"/>).
    /// </param>
    /// <param name="refit">
    /// With <paramref name="calibration"/>: once everything is chosen on them, learn the final models on the rows and
    /// the calibration rows together. The cascade, out-of-scope threshold included, stays as calibrated on models that
    /// had not seen those rows; a model learnt from more rows is if anything surer, so the threshold errs towards answering.
    /// </param>
    public static IntentModel Train(IReadOnlyList<IntentExample> examples, IntentRecipe recipe, Action<int, string> progress,
        IReadOnlyList<IntentExample>? calibration = null, bool refit = false)
    {
        var intents = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!recipe.UsesMeaning)
        {
            return Learn(examples, recipe, intents, progress);
        }

        var held = calibration;
        var learnFrom = examples;
        if (held is null)
        {
            var byIntent = examples.GroupBy(e => e.Label, StringComparer.Ordinal)
                .SelectMany(g => g.Select((e, k) => (e, Held: k % HoldBackEvery == HoldBackEvery - 1))).ToList();
            held = [.. byIntent.Where(x => x.Held).Select(x => x.e)];
            learnFrom = [.. byIntent.Where(x => !x.Held).Select(x => x.e)];
        }

        held = [.. held.Where(e => intents.Contains(e.Label, StringComparer.Ordinal))];
        var embeddingOf = Encode(examples.Concat(held).Select(e => e.Text));
        // A model that is learnt again at the end is a trial, so its progress is not shown; otherwise it is the one that ships.
        var trial = calibration is null || refit;
        var nGrams = Learn(learnFrom, recipe, intents, trial ? (_, _) => { } : progress);
        var labels = held.Select(e => e.Label).ToList();
        var nGramPredictor = nGrams.CreatePredictor();
        var nGramHeld = held.Select(e => nGramPredictor.NGramProbabilities(e.Text)).ToArray();
        if (!trial)
        {
            progress(recipe.Members.Count, Steps(recipe)[^1]);
        }

        // Each candidate meaning model is calibrated on the held-back rows; the one that then classifies them best is kept.
        var best = MeaningModel.Candidates
            .Select(fit =>
            {
                var model = WithMeaning(nGrams, learnFrom, embeddingOf, fit, Cascade.Uncalibrated);
                var predictor = model.CreatePredictor();
                var meaningHeld = held.Select(e => predictor.MeaningProbabilities(embeddingOf[e.Text])).ToArray();
                var cascade = held.Count == 0 ? Cascade.Uncalibrated : MeaningModel.Calibrate(intents, labels, nGramHeld, meaningHeld);
                return (Model: model.WithCascade(cascade), Correct: MeaningModel.Correct(intents, labels, nGramHeld, meaningHeld, cascade));
            })
            .MaxBy(x => x.Correct);
        if (!trial)
        {
            return best.Model;
        }

        // Learn again on every row: the held-back slice, or with refit the validation set, joins the rows learnt from.
        IReadOnlyList<IntentExample> final = calibration is null ? examples : [.. examples, .. held];
        var all = Learn(final, recipe, intents, progress);
        progress(recipe.Members.Count, Steps(recipe)[^1]);
        return WithMeaning(all, final, embeddingOf, best.Model.MeaningFit!, best.Model.Cascade);
    }

    /// <summary>Each distinct text's embedding, encoded in batches.</summary>
    private static Dictionary<string, float[]> Encode(IEnumerable<string> texts)
    {
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        var vectors = SentenceMeaning.EncodeAll(distinct);
        return distinct.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => vectors[x.i], StringComparer.Ordinal);
    }

    /// <summary>The names of the steps <see cref="Train"/> reports, for a progress display.</summary>
    public static IReadOnlyList<string> Steps(IntentRecipe recipe) =>
        [.. recipe.Members.Select(m => m.Name), .. recipe.UsesMeaning ? new[] { "logistic regression on MiniLM sentence embeddings" } : []];

    private static IntentModel Learn(IReadOnlyList<IntentExample> examples, IntentRecipe recipe, IReadOnlyList<string> intents,
        Action<int, string> progress)
    {
        // A fixed seed: the same CSV and recipe learn the same model, so a benchmark figure can be reproduced.
        var ml = new MLContext(seed: 1);
        var rows = recipe.Normalises
            ? examples.Select(e => new IntentExample { Text = UtteranceNormaliser.Normalise(e.Text), Label = e.Label }).ToList()
            : examples;
        var data = ml.Data.LoadFromEnumerable(rows);
        // Cached once: every member's featuriser and every trainer pass reads the rows again.
        var cached = ml.Data.Cache(data);
        var members = new List<ITransformer>();
        for (var i = 0; i < recipe.Members.Count; i++)
        {
            progress(i, recipe.Members[i].Name);
            members.Add(recipe.Members[i].Build(ml).Fit(cached));
        }

        return new IntentModel(ml, recipe.Name, recipe.Normalises, intents, members, data.Schema);
    }

    /// <summary>The n-gram model with a meaning model learnt beside it from the same rows' embeddings.</summary>
    private static IntentModel WithMeaning(IntentModel nGrams, IReadOnlyList<IntentExample> examples, Dictionary<string, float[]> embeddingOf,
        MeaningFit fit, Cascade cascade)
    {
        var embeddings = examples.Select(e => embeddingOf[e.Text]).ToList();
        var ml = new MLContext(seed: 1);
        var model = MeaningModel.Train(ml, embeddings, examples, fit);
        return nGrams.WithMeaning((model, ml.Data.LoadFromEnumerable(MeaningModel.Examples(embeddings, examples)).Schema), fit, cascade);
    }
}
