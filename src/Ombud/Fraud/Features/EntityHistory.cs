using System.Runtime.CompilerServices;

namespace Ombud.Fraud.Features;

/// <summary>
/// What was seen before, per identity: when each earlier event happened, which customers used it, and which labels
/// were known by when. Events are observed in time order; every question is asked "before" an instant, and counts
/// only what happened strictly earlier, so a feature can never see the order it describes or anything after it.
/// </summary>
internal sealed class EntityHistory
{
    private readonly Dictionary<(EntityKind, string), Trail> _trails = [];
    private readonly Dictionary<(EntityKind, string, string), Trail> _pairs = [];
    private readonly Dictionary<string, Trail> _categories = new(StringComparer.OrdinalIgnoreCase);
    private DateTime _latest = DateTime.MinValue;

    /// <summary>Takes in one event; events must come in time order (equal times in any order).</summary>
    public void Observe(RiskEvent e)
    {
        if (e.At < _latest)
        {
            throw new InvalidOperationException($"Events must be observed in time order ({e.At:O} came after {_latest:O}).");
        }

        _latest = e.At;
        var labelAt = e.LabelledAt is { } l && l > e.At ? l : e.At;
        foreach (var (kind, key) in e.Entities())
        {
            var trail = TrailOf(_trails, (kind, key));
            trail.Visit(e.At, e.Customer, kind == EntityKind.Customer ? e.AmountMajor : null);
            trail.Learn(e.Label, labelAt);
            if (kind is EntityKind.Device or EntityKind.Ip or EntityKind.ShippingAddress && e.Customer is { } customer)
            {
                TrailOf(_pairs, (kind, key, customer)).Visit(e.At, customer, null);
            }
        }

        if (e.MerchantCategory is { Length: > 0 } category)
        {
            TrailOf(_categories, category).Learn(e.Label, labelAt);
        }
    }

    /// <summary>
    /// Labels of a merchant category known from before any event (a trained model's snapshot). Kept as two counts, not
    /// as one entry per label: every decision seeds every category of its model, and one sorted-list insert per label
    /// the model learnt from (560 for the demo world's model) showed in the node's profile on every decision.
    /// </summary>
    public void Seed(string category, int fraud, int labelled)
    {
        var known = Math.Max(labelled, 0);
        TrailOf(_categories, category).Seed(Math.Clamp(fraud, 0, known), known);
    }

    /// <summary>The fraud and labelled counts per merchant category known before <paramref name="before"/>.</summary>
    public IReadOnlyDictionary<string, (int Fraud, int Labelled)> CategoryLabels(DateTime before) =>
        _categories.ToDictionary(c => c.Key, c => c.Value.LabelsBefore(before), StringComparer.OrdinalIgnoreCase);

    public int Count(EntityKind kind, string? key, DateTime from, DateTime before) =>
        Find(kind, key)?.CountBetween(from, before) ?? 0;

    /// <summary>Distinct customers other than <paramref name="customer"/> seen with this identity in the window.</summary>
    public int OtherCustomers(EntityKind kind, string? key, string? customer, DateTime from, DateTime before) =>
        Find(kind, key)?.CustomersBetween(from, before, customer) ?? 0;

    public (int Fraud, int Labelled) Labels(EntityKind kind, string? key, DateTime before) =>
        Find(kind, key)?.LabelsBefore(before) ?? (0, 0);

    public DateTime? FirstSeen(EntityKind kind, string? key, DateTime before) => Find(kind, key)?.FirstBefore(before);

    /// <summary>Count and mean of the customer's earlier amounts (only events with a price count).</summary>
    public (int Count, double Mean) Amounts(string? customer, DateTime before) =>
        Find(EntityKind.Customer, customer)?.AmountsBefore(before) ?? (0, 0);

    /// <summary>Whether this customer used this identity on an earlier event.</summary>
    public bool UsedBefore(EntityKind kind, string? key, string? customer, DateTime before) =>
        key is not null && customer is not null && _pairs.TryGetValue((kind, key, customer), out var trail) && trail.CountBetween(DateTime.MinValue, before) > 0;

    public (int Fraud, int Labelled) CategoryLabelsBefore(string? category, DateTime before) =>
        category is not null && _categories.TryGetValue(category, out var trail) ? trail.LabelsBefore(before) : (0, 0);

    private Trail? Find(EntityKind kind, string? key) => key is { Length: > 0 } && _trails.TryGetValue((kind, key), out var trail) ? trail : null;

    private static Trail TrailOf<TKey>(Dictionary<TKey, Trail> trails, TKey key) where TKey : notnull
    {
        if (!trails.TryGetValue(key, out var trail))
        {
            trail = new Trail();
            trails[key] = trail;
        }

        return trail;
    }

    /// <summary>
    /// One identity's past: visits in time order (with running amount sums) and labels by when they were known. Each
    /// list is made at its first entry: a decision builds a trail for every merchant category its model knows (labels
    /// only, never a visit), one per identity pair of a customer (visits only) and one per identity of each linked
    /// order, and most of those lists would stay empty (docs/benchmarks.md).
    /// </summary>
    private sealed class Trail
    {
        private List<DateTime>? _times;
        private List<string?>? _customers;
        private List<(double Sum, int Count)>? _amounts;
        private List<DateTime>? _fraudKnownAt;
        private List<DateTime>? _labelKnownAt;
        private const int LookBackLimit = 32;

        private int _seededFraud;
        private int _seededLabelled;

        public void Visit(DateTime at, string? customer, double? amount)
        {
            (_times ??= []).Add(at);
            (_customers ??= []).Add(customer);
            _amounts ??= [];
            var (sum, count) = _amounts.Count > 0 ? _amounts[^1] : (0, 0);
            _amounts.Add(amount is { } a ? (sum + a, count + 1) : (sum, count));
        }

        public void Learn(bool? label, DateTime knownAt)
        {
            if (label is not { } fraud)
            {
                return;
            }

            Insert(_labelKnownAt ??= [], knownAt);
            if (fraud)
            {
                Insert(_fraudKnownAt ??= [], knownAt);
            }
        }

        public int CountBetween(DateTime from, DateTime before) => LowerBound(_times, before) - LowerBound(_times, from);

        // The loops every feature runs are compiled fully optimised at once: on a busy two-core node tiered compilation
        // kept them in tier-0 code well into a benchmark. Unmeasured alone; on RiskTrees the same attribute made the
        // model slower than tier 1 (docs/benchmarks.md), so measure before copying it elsewhere.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int CustomersBetween(DateTime from, DateTime before, string? except)
        {
            var (start, end) = (LowerBound(_times, from), LowerBound(_times, before));
            if (end - start > LookBackLimit)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = start; i < end; i++)
                {
                    if (_customers![i] is { } c && c != except)
                    {
                        seen.Add(c);
                    }
                }

                return seen.Count;
            }

            var distinct = 0;
            for (var i = start; i < end; i++)
            {
                // Distinct by looking back over the window: a window mostly holds a handful of visits, and a set per
                // question was one of the allocations every decision made six times. A long window (a busy identity,
                // a ring) takes the set, where looking back would cost the square of its length.
                if (_customers![i] is { } c && c != except && _customers.IndexOf(c, start, i - start) < 0)
                {
                    distinct++;
                }
            }

            return distinct;
        }

        /// <summary>Labels known before any event: they count before every instant but the very first.</summary>
        public void Seed(int fraud, int labelled) => (_seededFraud, _seededLabelled) = (_seededFraud + fraud, _seededLabelled + labelled);

        public (int Fraud, int Labelled) LabelsBefore(DateTime before)
        {
            var (fraud, labelled) = before > DateTime.MinValue ? (_seededFraud, _seededLabelled) : (0, 0);
            return (fraud + LowerBound(_fraudKnownAt, before), labelled + LowerBound(_labelKnownAt, before));
        }

        public DateTime? FirstBefore(DateTime before) => _times is { Count: > 0 } && _times[0] < before ? _times[0] : null;

        public (int Count, double Mean) AmountsBefore(DateTime before)
        {
            var end = LowerBound(_times, before);
            if (end == 0)
            {
                return (0, 0);
            }

            var (sum, count) = _amounts![end - 1];
            return count == 0 ? (0, 0) : (count, sum / count);
        }

        private static void Insert(List<DateTime> sorted, DateTime at) => sorted.Insert(UpperBound(sorted, at), at);

        /// <summary>How many entries are strictly earlier than <paramref name="at"/> (none in a list not made yet).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int LowerBound(List<DateTime>? sorted, DateTime at)
        {
            if (sorted is null)
            {
                return 0;
            }

            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (sorted[mid] < at)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int UpperBound(List<DateTime> sorted, DateTime at)
        {
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (sorted[mid] <= at)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
