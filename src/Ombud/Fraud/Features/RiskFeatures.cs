using System.Globalization;

namespace Ombud.Fraud.Features;

/// <summary>
/// One feature: its name (stable; models and rules refer to it), how it is computed from an event and what came
/// before, and how a value of it reads to an analyst or a regulator when it pushed a score up.
/// </summary>
internal sealed record RiskFeature(string Name, Func<RiskEvent, EntityHistory, float> Compute, Func<float, string> Explain);

/// <summary>
/// The features, in the order a model sees them. -1 stands for "not known" (no price, no account date), which the
/// tree learner can split on like any value.
/// </summary>
internal static class RiskFeatures
{
    public const float Unknown = -1;

    private static readonly (TimeSpan Span, string Name, string Words)[] Windows =
    [
        (TimeSpan.FromHours(1), "1h", "hour"),
        (TimeSpan.FromHours(24), "24h", "24 hours"),
        (TimeSpan.FromDays(7), "7d", "7 days"),
    ];

    private static readonly EntityKind[] SharedKinds =
        [EntityKind.Device, EntityKind.Ip, EntityKind.ShippingAddress, EntityKind.Email, EntityKind.Phone, EntityKind.Card];

    private static readonly EntityKind[] PersonalKinds = [EntityKind.Device, EntityKind.Ip, EntityKind.ShippingAddress];

    public static readonly IReadOnlyList<RiskFeature> All = Build();

    public static int Count => All.Count;

    /// <summary>The features of <paramref name="e"/> from what <paramref name="history"/> saw strictly before it.</summary>
    public static float[] Of(RiskEvent e, EntityHistory history)
    {
        var values = new float[All.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = All[i].Compute(e, history);
        }

        return values;
    }

    public static int IndexOf(string name) => All.Select((f, i) => (f, i)).First(x => x.f.Name == name).i;

    private static List<RiskFeature> Build()
    {
        var features = new List<RiskFeature>
        {
            new("order.amount_log10", (e, _) => e.AmountMajor is { } a ? (float)Math.Log10(1 + a) : Unknown,
                v => $"A large order ({Number(Math.Pow(10, v) - 1, "N0")} in its currency)"),
            new("order.amount_vs_customer_mean", (e, h) =>
                {
                    var (count, mean) = h.Amounts(e.Customer, e.At);
                    return e.AmountMajor is { } a && count > 0 && mean > 0 ? (float)(a / mean) : Unknown;
                },
                v => $"The amount is {Number(v, "0.0")} times the customer's usual order"),
            new("customer.earlier_orders", (e, h) => h.Count(EntityKind.Customer, e.Customer, DateTime.MinValue, e.At),
                v => v == 0 ? "The customer's first order" : $"The customer has only {Number(v, "N0")} earlier orders"),
            new("customer.account_age_days", (e, _) => e.AccountCreatedAt is { } c ? (float)Math.Max(0, (e.At - c).TotalDays) : Unknown,
                v => v < 1 ? $"The account was opened {Number(v * 24, "N0")} hours before the order" : $"The account is only {Number(v, "N0")} days old"),
            new("customer.days_known", (e, h) => h.FirstSeen(EntityKind.Customer, e.Customer, e.At) is { } first ? (float)(e.At - first).TotalDays : Unknown,
                v => v < 0 ? "Nothing earlier is known of the customer" : $"The customer's first order was only {Number(v, "N0")} days earlier"),
        };

        foreach (var kind in EntityKinds.All)
        {
            foreach (var (span, name, words) in Windows)
            {
                features.Add(new($"{kind.Name()}.orders_{name}", (e, h) => h.Count(kind, e.KeyOf(kind), e.At - span, e.At),
                    v => $"{Number(v, "N0")} earlier orders from this {kind.Words()} in the last {words}"));
            }
        }

        foreach (var kind in SharedKinds)
        {
            features.Add(new($"{kind.Name()}.other_customers_7d", (e, h) => h.OtherCustomers(kind, e.KeyOf(kind), e.Customer, e.At - TimeSpan.FromDays(7), e.At),
                v => $"This {kind.Words()} was used by {Number(v, "N0")} other customers in the last 7 days"));
        }

        foreach (var kind in PersonalKinds)
        {
            features.Add(new($"customer.new_{kind.Name()}", (e, h) =>
                    e.KeyOf(kind) is { } key && h.Count(EntityKind.Customer, e.Customer, DateTime.MinValue, e.At) > 0 && !h.UsedBefore(kind, key, e.Customer, e.At) ? 1 : 0,
                _ => $"A {kind.Words()} this customer never used before"));
        }

        features.Add(new("order.billing_shipping_mismatch", (e, _) =>
                e.BillingAddress is null || e.ShippingAddress is null ? Unknown
                : string.Equals(e.BillingAddress, e.ShippingAddress, StringComparison.OrdinalIgnoreCase) ? 0 : 1,
            _ => "The parcel goes to another address than the billing address"));

        foreach (var kind in EntityKinds.All)
        {
            features.Add(new($"{kind.Name()}.earlier_fraud", (e, h) => h.Labels(kind, e.KeyOf(kind), e.At).Fraud,
                v => kind == EntityKind.Customer
                    ? $"{Number(v, "N0")} earlier orders of this customer were confirmed fraud"
                    : $"{Number(v, "N0")} earlier orders from this {kind.Words()} were confirmed fraud"));
        }

        features.Add(new("links.max_earlier_fraud_rate", (e, h) => EarlierFraudRate(e, h),
            v => $"{Number(v * 100, "N0")} % of earlier labelled orders sharing an identity with this one were fraud"));
        features.Add(new("merchant.category_fraud_rate", (e, h) =>
            {
                if (e.MerchantCategory is null)
                {
                    return Unknown;
                }

                // Smoothed towards one in ten, so a category seen twice does not read as 0 % or 100 %.
                var (fraud, labelled) = h.CategoryLabelsBefore(e.MerchantCategory, e.At);
                return (fraud + 1f) / (labelled + 10f);
            },
            v => $"The merchant's category has a high fraud rate ({Number(v * 100, "N1")} % of earlier orders)"));
        features.Add(new("order.missing_identities", (e, _) => MissingIdentities(e).Count,
            v => $"{Number(v, "N0")} identities missing from the order"));
        return features;
    }

    /// <summary>
    /// The highest share of fraud among earlier labelled events sharing any identity with this one (0 when none): the
    /// simplest link score, and the baseline a model must beat.
    /// </summary>
    public static float EarlierFraudRate(RiskEvent e, EntityHistory history)
    {
        var rate = 0f;
        foreach (var (kind, key) in e.Entities())
        {
            var (fraud, labelled) = history.Labels(kind, key, e.At);
            if (labelled > 0)
            {
                rate = Math.Max(rate, fraud / (float)labelled);
            }
        }

        return rate;
    }

    /// <summary>What the order does not say that a check would want, in words ("device", "IP address").</summary>
    public static IReadOnlyList<string> MissingIdentities(RiskEvent e)
    {
        var missing = new List<string>();
        foreach (var kind in new[] { EntityKind.Customer, EntityKind.Device, EntityKind.Ip, EntityKind.Email, EntityKind.ShippingAddress })
        {
            if (string.IsNullOrEmpty(e.KeyOf(kind)))
            {
                missing.Add(kind.Words());
            }
        }

        if (e.AmountMinor is null)
        {
            missing.Add("amount");
        }

        return missing;
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
