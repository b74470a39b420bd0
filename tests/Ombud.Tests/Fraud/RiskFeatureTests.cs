using Microsoft.Extensions.Time.Testing;
using Ombud.Fraud;
using Ombud.Fraud.Features;
using Ombud.Fraud.Scoring;

namespace Ombud.Tests.Fraud;

/// <summary>Features see only what happened strictly before the order they describe, and missing fields are reasons, not errors.</summary>
public sealed class RiskFeatureTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Velocity_counts_only_earlier_orders_of_the_same_device_within_each_window()
    {
        var history = new EntityHistory();
        history.Observe(Order("old", device: "dev-1", customer: "c1"));       // 3 days before: in 7 d only
        _clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(30));
        history.Observe(Order("recent", device: "dev-1", customer: "c2"));    // 30 min before: in every window
        history.Observe(Order("elsewhere", device: "dev-2", customer: "c3")); // another device: never
        _clock.Advance(TimeSpan.FromMinutes(30));
        var now = Order("now", device: "dev-1", customer: "c4");
        history.Observe(Order("same-instant", device: "dev-1", customer: "c5")); // as early as the order itself: not earlier

        var features = RiskFeatures.Of(now, history);

        Assert.Equal(1, Feature(features, "device.orders_1h"));
        Assert.Equal(1, Feature(features, "device.orders_24h"));
        Assert.Equal(2, Feature(features, "device.orders_7d"));
        Assert.Equal(2, Feature(features, "device.other_customers_7d"));
        Assert.Equal(0, Feature(features, "customer.earlier_orders"));
    }

    [Fact]
    public void A_fraud_label_counts_for_linked_orders_only_from_when_it_was_known()
    {
        var history = new EntityHistory();
        var start = _clock.GetUtcNow().UtcDateTime;
        history.Observe(Order("bust-out", ip: "203.0.113.7", customer: "c1") with { Label = true, LabelledAt = start.AddDays(2) });
        _clock.Advance(TimeSpan.FromDays(1));
        var before = RiskFeatures.Of(Order("day-1", ip: "203.0.113.7", customer: "c2"), history);
        _clock.Advance(TimeSpan.FromDays(2));
        var after = RiskFeatures.Of(Order("day-3", ip: "203.0.113.7", customer: "c3"), history);

        Assert.Equal(0, Feature(before, "ip.earlier_fraud"));
        Assert.Equal(0, Feature(before, "links.max_earlier_fraud_rate"));
        Assert.Equal(1, Feature(after, "ip.earlier_fraud"));
        Assert.Equal(1, Feature(after, "links.max_earlier_fraud_rate"));
    }

    [Fact]
    public void Amount_against_history_new_device_and_address_mismatch_come_from_the_customers_earlier_orders()
    {
        var history = new EntityHistory();
        history.Observe(Order("first", device: "home-pc", customer: "c1", amountMinor: 10_000));
        _clock.Advance(TimeSpan.FromDays(10));
        history.Observe(Order("second", device: "home-pc", customer: "c1", amountMinor: 30_000));
        _clock.Advance(TimeSpan.FromDays(10));

        var features = RiskFeatures.Of(Order("big", device: "new-phone", customer: "c1", amountMinor: 100_000) with { ShippingAddress = "drop|1|se" }, history);

        Assert.Equal(5, Feature(features, "order.amount_vs_customer_mean"), 3);
        Assert.Equal(1, Feature(features, "customer.new_device"));
        Assert.Equal(1, Feature(features, "order.billing_shipping_mismatch"));
        Assert.Equal(2, Feature(features, "customer.earlier_orders"));
        Assert.Equal(20, Feature(features, "customer.days_known"), 3);
    }

    [Fact]
    public void A_models_category_labels_count_before_every_order_and_a_later_label_adds_to_them_once_known()
    {
        var history = new EntityHistory();
        history.Seed("5732", fraud: 3, labelled: 30);
        var start = _clock.GetUtcNow().UtcDateTime;
        history.Observe(Order("chargeback", customer: "c1") with { Label = true, LabelledAt = start.AddDays(2) });
        _clock.Advance(TimeSpan.FromDays(1));
        var before = RiskFeatures.Of(Order("day-1", customer: "c2"), history);
        _clock.Advance(TimeSpan.FromDays(2));
        var after = RiskFeatures.Of(Order("day-3", customer: "c3"), history);

        Assert.Equal((3 + 1f) / (30 + 10f), Feature(before, "merchant.category_fraud_rate"));
        Assert.Equal((4 + 1f) / (31 + 10f), Feature(after, "merchant.category_fraud_rate"));
        Assert.Equal((3, 30), history.CategoryLabels(start)["5732"]);
        Assert.Equal((0, 0), history.CategoryLabels(DateTime.MinValue)["5732"]);
    }

    [Fact]
    public void An_order_missing_its_identities_is_decided_with_an_insufficient_data_reason_not_an_error()
    {
        var bare = new RiskEvent("bare", _clock.GetUtcNow().UtcDateTime, null, null, null, null, null, null, null, null, null, null, null, null);

        var features = RiskFeatures.Of(bare, new EntityHistory());
        var verdict = RiskScorer.Decide(bare, features, model: null, new FraudOptions());

        Assert.Equal(RiskFeatures.Unknown, Feature(features, "order.amount_log10"));
        Assert.Equal(RiskFeatures.Unknown, Feature(features, "customer.account_age_days"));
        Assert.Equal(RiskOutcome.Review, verdict.Outcome);
        var reason = Assert.Single(verdict.Reasons, r => r.Code == "insufficient_data");
        Assert.Contains("device", reason.Text, StringComparison.Ordinal);
        Assert.Contains("amount", reason.Text, StringComparison.Ordinal);
        Assert.Equal("rules only", verdict.Basis);
    }

    [Fact]
    public void Other_customers_count_each_customer_once_and_phones_match_by_their_digits()
    {
        var history = new EntityHistory();
        history.Observe(Order("a", device: "dev-1", customer: "c1") with { Phone = "+46 70-123 45 67" });
        history.Observe(Order("b", device: "dev-1", customer: "c2"));
        history.Observe(Order("c", device: "dev-1", customer: "c1"));
        history.Observe(Order("d", device: "dev-1", customer: "c2"));
        history.Observe(Order("e", device: "dev-1", customer: "c9"));
        _clock.Advance(TimeSpan.FromHours(1));

        var features = RiskFeatures.Of(Order("now", device: "dev-1", customer: "c9") with { Phone = "46701234567" }, history);

        Assert.Equal(2, Feature(features, "device.other_customers_7d"));
        Assert.Equal(1, Feature(features, "phone.orders_7d"));
        Assert.Equal("46701234567", (Order("x") with { Phone = "(46) 70 123-45-67" }).KeyOf(EntityKind.Phone));
        Assert.Equal("", (Order("x") with { Phone = "n/a" }).KeyOf(EntityKind.Phone));
    }

    [Fact]
    public void A_busy_identity_counts_its_other_customers_once_each_too()
    {
        var history = new EntityHistory();
        for (var i = 0; i < 40; i++)
        {
            history.Observe(Order($"o{i}", device: "shared-dev", customer: $"c{i % 25}"));
        }

        _clock.Advance(TimeSpan.FromHours(1));
        var features = RiskFeatures.Of(Order("now", device: "shared-dev", customer: "c3"), history);

        Assert.Equal(24, Feature(features, "device.other_customers_7d"));
        Assert.Equal(40, Feature(features, "device.orders_7d"));
    }

    private RiskEvent Order(string id, string? device = null, string? ip = null, string? customer = null, long amountMinor = 50_000) =>
        new(id, _clock.GetUtcNow().UtcDateTime, amountMinor, "SEK", customer, device, ip, $"{customer}@example.com", null, null,
            "home|1|se", "home|1|se", _clock.GetUtcNow().UtcDateTime.AddYears(-1), "5732");

    private static float Feature(float[] features, string name) => features[RiskFeatures.IndexOf(name)];
}
