using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;

namespace Ombud.Fraud.Training;

/// <summary>One labelled event with its features, computed from the events before it.</summary>
internal sealed record RiskRow(RiskEvent Event, float[] Features, bool Label);

/// <summary>
/// A history turned into examples and split by time: the earliest 80 % of the labelled events train, the latest
/// 20 % test. Never at random: a random split lets a model learn from the future of the very rings it is tested on.
/// Features of every event, training or test, come only from events strictly before it, so test events may use what
/// happened in the training period, as they would in production.
/// </summary>
internal sealed class RiskDataset
{
    public const double TrainShare = 0.8;

    private RiskDataset(IReadOnlyList<RiskRow> train, IReadOnlyList<RiskRow> test, int events,
        IReadOnlyDictionary<string, (int Fraud, int Labelled)> categoriesAtSplit)
    {
        (Train, Test, Events, CategoriesAtSplit) = (train, test, events, categoriesAtSplit);
    }

    public IReadOnlyList<RiskRow> Train { get; }

    public IReadOnlyList<RiskRow> Test { get; }

    /// <summary>Every labelled event, oldest first (training then test period): what a rule's backtest runs over.</summary>
    public IEnumerable<RiskRow> All => Train.Concat(Test);

    /// <summary>All events read, labelled or not (unlabelled ones count in velocities only).</summary>
    public int Events { get; }

    /// <summary>The merchant categories' labels known when the test period starts: the model's snapshot for scoring.</summary>
    public IReadOnlyDictionary<string, (int Fraud, int Labelled)> CategoriesAtSplit { get; }

    public DateTime TestFrom => Test.Count > 0 ? Test[0].Event.At : DateTime.MaxValue;

    /// <param name="progress">Told how many events are done, now and then.</param>
    public static RiskDataset Build(IReadOnlyList<RiskEvent> events, Action<int>? progress = null)
    {
        var ordered = events.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var labelled = ordered.Where(e => e.Label is not null).ToList();
        var cut = (int)Math.Floor(labelled.Count * TrainShare);
        var testFrom = cut < labelled.Count ? labelled[cut].At : DateTime.MaxValue;

        var history = new EntityHistory();
        var rows = new List<RiskRow>(labelled.Count);
        var step = Math.Max(1, ordered.Count / 100);
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            if (e.Label is { } label)
            {
                rows.Add(new RiskRow(e, RiskFeatures.Of(e, history), label));
            }

            history.Observe(e);
            if (i % step == 0)
            {
                progress?.Invoke(i);
            }
        }

        progress?.Invoke(ordered.Count);
        return new RiskDataset(rows[..cut], rows[cut..], ordered.Count, history.CategoryLabels(testFrom));
    }

    public static IReadOnlyList<RiskExample> Examples(IEnumerable<RiskRow> rows) =>
        [.. rows.Select(r => new RiskExample { Features = r.Features, Label = r.Label })];
}
