using Ombud.Fraud.Features;
using Ombud.Fraud.Rules;
using Ombud.Fraud.Training;

namespace Ombud.Tests.Fraud;

/// <summary>A backtest counts what a rule would have hit in labelled history, as at each order's time.</summary>
public sealed class RuleBacktestTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Hits_precision_recall_and_money_per_currency_come_from_the_labelled_orders_only()
    {
        var result = RuleBacktest.Run(Rule("order.amount > 50000"), History(), from: null, to: null);

        Assert.Equal((5, 2, 3, 1, 2), (result.Orders, result.Fraud, result.Hits, result.FraudCaught, result.LegitimateHit));
        Assert.Equal(0.3333, result.Precision);
        Assert.Equal(0.5, result.Recall);
        Assert.Equal(
            new[] { new BacktestMoney("EUR", 160_000, 100_000, 60_000, 10_000), new BacktestMoney("SEK", 900_000, 0, 900_000, 0) },
            result.Money);
        Assert.Equal(new[] { "e1", "e2", "e4" }, result.ExampleHits.Select(e => e.OrderId));
        Assert.Equal(new[] { true, false, false }, result.ExampleHits.Select(e => e.Fraud));
        Assert.Equal("e3", Assert.Single(result.ExampleMisses).OrderId);
    }

    [Fact]
    public void A_period_keeps_orders_from_its_start_up_to_but_not_including_its_end()
    {
        var result = RuleBacktest.Run(Rule("order.amount > 50000"), History(), Start.AddDays(1), Start.AddDays(4));

        Assert.Equal((3, 1, 2, 0, 2), (result.Orders, result.Fraud, result.Hits, result.FraudCaught, result.LegitimateHit));
        Assert.Equal(0, result.Precision);
        Assert.Equal(0, result.Recall);
    }

    [Fact]
    public void Features_are_those_known_at_each_orders_time_and_a_rule_that_hits_nothing_has_no_precision()
    {
        // c1's second order is the only one with an earlier order of its customer.
        var repeat = RuleBacktest.Run(Rule("customer.earlier_orders >= 1"), History(), null, null);
        var nothing = RuleBacktest.Run(Rule("order.amount > 100000000"), History(), null, null);

        Assert.Equal("e2", Assert.Single(repeat.ExampleHits).OrderId);
        Assert.Null(nothing.Precision);
        Assert.Equal(0.0, nothing.Recall);
        Assert.Equal(2, nothing.ExampleMisses.Count);
    }

    private static CompiledRule Rule(string text) => RuleLanguage.Compile(text).Rule!;

    private static IEnumerable<RiskRow> History() => RiskDataset.Build(
    [
        Order("e1", 0, 100_000, "EUR", "c1", fraud: true),
        Order("e2", 1, 60_000, "EUR", "c1", fraud: false),
        Order("e3", 2, 10_000, "EUR", "c2", fraud: true),
        Order("e4", 3, 900_000, "SEK", "c3", fraud: false),
        Order("e5", 4, 20_000, "EUR", "c4", fraud: false),
        Order("e6", 5, 999_999, "EUR", "c5", fraud: null),
    ]).All;

    private static RiskEvent Order(string id, int day, long amountMinor, string currency, string customer, bool? fraud) =>
        new(id, Start.AddDays(day), amountMinor, currency, customer, $"dev-{id}", null, null, null, null, null, null, null, "electronics", fraud,
            fraud is null ? null : Start.AddDays(day));
}
