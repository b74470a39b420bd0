using System.Globalization;
using Ombud.Fraud.Features;

namespace Ombud.Fraud.Scoring;

/// <summary>What a scorer found: the outcome, the score, and the reasons most to blame first.</summary>
internal sealed record RiskVerdict(RiskOutcome Outcome, double Score, IReadOnlyList<RiskReason> Reasons, string Basis);

/// <summary>
/// Turns an order's features into approve / review / decline: the model's fraud probability against the review and
/// decline thresholds, and a few built-in rules that can only make the outcome stricter (the analysts' rule language
/// comes later). Without a model the rules decide alone.
/// </summary>
/// <remarks>
/// Reasons come from the model's per-feature contributions (ML.NET's feature contribution calculation, computed by
/// <see cref="RiskTrees"/>: for each tree, how the prediction moved at the splits on that feature, summed over the
/// trees). That is exact for this model and costs one pass, where an ablation would score the order once per feature;
/// the three features that pushed the score up most are given in words, after any rule that fired.
/// </remarks>
internal static class RiskScorer
{
    public const int ModelReasons = 3;

    private static readonly int[] EarlierFraud = [.. EntityKinds.All.Select(k => RiskFeatures.IndexOf($"{k.Name()}.earlier_fraud"))];
    private static readonly int DeviceOthers = RiskFeatures.IndexOf("device.other_customers_7d");
    private static readonly int AccountAge = RiskFeatures.IndexOf("customer.account_age_days");
    private static readonly int Mismatch = RiskFeatures.IndexOf("order.billing_shipping_mismatch");

    public static RiskVerdict Decide(RiskEvent order, float[] features, RiskModel? model, FraudOptions options)
    {
        var reasons = new List<RiskReason>();
        var outcome = RiskOutcome.Approve;

        void Rule(string code, string text, RiskOutcome atLeast)
        {
            reasons.Add(new RiskReason(code, text));
            outcome = (RiskOutcome)Math.Max((int)outcome, (int)atLeast);
        }

        var missing = RiskFeatures.MissingIdentities(order);
        if (missing.Count > 0)
        {
            Rule("insufficient_data", $"Insufficient data: the order carries no {string.Join(", ", missing)}",
                missing.Count >= 3 ? RiskOutcome.Review : RiskOutcome.Approve);
        }

        var linkedKinds = EarlierFraud.Count(i => features[i] > 0);
        if (linkedKinds > 0)
        {
            Rule("rule.linked_to_confirmed_fraud", $"Shares {linkedKinds} identit{(linkedKinds == 1 ? "y" : "ies")} with orders confirmed as fraud",
                linkedKinds >= 2 ? RiskOutcome.Decline : RiskOutcome.Review);
        }

        if (features[DeviceOthers] >= 3)
        {
            Rule("rule.device_many_accounts", $"The device was used by {features[DeviceOthers]:N0} other customers in the last 7 days", RiskOutcome.Review);
        }

        if (features[AccountAge] is >= 0 and < 1 && features[Mismatch] == 1)
        {
            Rule("rule.new_account_other_address", "An account opened within a day sends the parcel to another address than the billing address", RiskOutcome.Review);
        }

        if (model is null)
        {
            var ruleScore = outcome switch { RiskOutcome.Decline => 0.9, RiskOutcome.Review => 0.5, _ => 0.0 };
            return new RiskVerdict(outcome, ruleScore, reasons, "rules only");
        }

        var estimate = model.Predict(features);
        var score = Math.Round(estimate.Probability, 4);
        var byModel = score >= options.DeclineAt ? RiskOutcome.Decline : score >= options.ReviewAt ? RiskOutcome.Review : RiskOutcome.Approve;
        outcome = (RiskOutcome)Math.Max((int)outcome, (int)byModel);
        foreach (var i in MostToBlame(estimate.Contributions))
        {
            reasons.Add(new RiskReason(RiskFeatures.All[i].Name, RiskFeatures.All[i].Explain(features[i])));
        }

        return new RiskVerdict(outcome, score, reasons,
            string.Create(CultureInfo.InvariantCulture, $"model trained {model.Card.TrainedAt:yyyy-MM-dd} on {model.Card.TrainedOn} ({model.Card.Examples:N0} examples)"));
    }

    /// <summary>
    /// The features with the largest positive contributions, at most <see cref="ModelReasons"/>, largest first; of two
    /// equal ones the feature listed first in the catalogue.
    /// </summary>
    private static List<int> MostToBlame(IReadOnlyList<float> contributions)
    {
        var top = new List<int>(ModelReasons + 1);
        for (var i = 0; i < contributions.Count; i++)
        {
            var c = contributions[i];
            if (!(c > 0))
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && contributions[top[at - 1]] < c)
            {
                at--;
            }

            if (at < ModelReasons)
            {
                top.Insert(at, i);
                if (top.Count > ModelReasons)
                {
                    top.RemoveAt(ModelReasons);
                }
            }
        }

        return top;
    }
}
