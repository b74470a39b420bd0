using Ombud.Fraud.Features;

namespace Ombud.Fraud.Rules;

/// <summary>What a value in a rule is: a condition, a number, an amount of money (minor units and a currency) or text.</summary>
internal enum RuleType
{
    Condition,
    Number,
    Money,
    Text,
}

/// <summary>What a rule reads of one order: the order itself and its features, computed as the model sees them.</summary>
internal sealed record RuleFacts(RiskEvent Order, float[] Features);

/// <summary>
/// A name a rule may use, with its type. Numbers and yes/no flags read the features (NaN when the feature is
/// unknown); money and text read the order.
/// </summary>
internal sealed record RuleField(string Name, RuleType Type, string Description, Func<RuleFacts, double> Number, Func<RuleFacts, string?> Text);

/// <summary>
/// The catalogue rules are type-checked against: every risk feature by its stable name (flags as conditions, the
/// rest as numbers), plus the order's amount in minor units with its currency, its currency and the merchant's
/// category as text.
/// </summary>
internal static class RuleFields
{
    public static readonly IReadOnlyDictionary<string, RuleField> All = Build();

    private static Dictionary<string, RuleField> Build()
    {
        var fields = new Dictionary<string, RuleField>(StringComparer.Ordinal)
        {
            ["order.amount"] = new("order.amount", RuleType.Money, "The order's total in minor units (cents, öre) of its currency",
                f => f.Order.AmountMinor is { } minor ? minor : double.NaN, f => f.Order.Currency),
            ["order.currency"] = new("order.currency", RuleType.Text, "The order's ISO 4217 currency code", _ => double.NaN, f => f.Order.Currency),
            ["merchant.category"] = new("merchant.category", RuleType.Text, "The merchant's category", _ => double.NaN, f => f.Order.MerchantCategory),
        };
        for (var i = 0; i < RiskFeatures.Count; i++)
        {
            var index = i;
            var name = RiskFeatures.All[i].Name;
            var isFlag = name.StartsWith("customer.new_", StringComparison.Ordinal) || name == "order.billing_shipping_mismatch";
            fields[name] = new(name, isFlag ? RuleType.Condition : RuleType.Number, isFlag ? "Yes or no" : "A number",
                f => f.Features[index] == RiskFeatures.Unknown ? double.NaN : f.Features[index], _ => null);
        }

        return fields;
    }
}
