using Microsoft.ML;

namespace Ombud.Assistant.Nlu;

/// <summary>Learns an <see cref="IntentModel"/> from labelled utterances by a <see cref="IntentRecipe"/>.</summary>
internal static class IntentLearner
{
    /// <param name="progress">Told the name of each model as its training starts, and its index among the recipe's members.</param>
    public static IntentModel Train(IReadOnlyList<IntentExample> examples, IntentRecipe recipe, Action<int, string> progress)
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

        var intents = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new IntentModel(ml, recipe.Name, recipe.Normalises, intents, members, data.Schema);
    }
}
