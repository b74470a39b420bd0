using Ombud.Fraud.Features;
using Ombud.Fraud.Rules;

namespace Ombud.Tests.Fraud;

/// <summary>The analysts' rule language: what rules mean, and rules refused with the line and column of what is wrong.</summary>
public sealed class RuleLanguageTests
{
    [Fact]
    public void A_rule_over_the_amount_and_a_velocity_feature_holds_only_when_both_parts_do()
    {
        var rule = Compile("order.amount > 50000 and device.other_customers_7d >= 3");

        Assert.True(rule.Test(Facts(60_000, "EUR", ("device.other_customers_7d", 3))));
        Assert.False(rule.Test(Facts(60_000, "EUR", ("device.other_customers_7d", 2))));
        Assert.False(rule.Test(Facts(50_000, "EUR", ("device.other_customers_7d", 9))));
        Assert.Equal(new[] { "device.other_customers_7d", "order.amount" }, rule.Names);
    }

    [Fact]
    public void An_amount_with_a_currency_holds_only_for_orders_in_that_currency_and_counts_in_its_minor_units()
    {
        var rule = Compile("order.amount >= 500.00 EUR");

        Assert.True(rule.Test(Facts(50_000, "EUR")));
        Assert.False(rule.Test(Facts(49_999, "EUR")));
        Assert.False(rule.Test(Facts(9_000_000, "SEK")));
        Assert.True(Compile("order.amount >= 500 JPY").Test(Facts(500, "JPY")));
    }

    [Fact]
    public void Lists_text_not_and_parentheses_read_as_written()
    {
        var rule = Compile("""merchant.category in ["electronics", 'gift cards'] and not (order.currency == "SEK" or customer.new_device)""");

        Assert.True(rule.Test(Facts(1, "EUR", category: "gift cards")));
        Assert.False(rule.Test(Facts(1, "SEK", category: "gift cards")));
        Assert.False(rule.Test(Facts(1, "EUR", category: "gift cards", set: [("customer.new_device", 1)])));
        Assert.False(rule.Test(Facts(1, "EUR", category: "books")));
        Assert.True(Compile("order.currency not in [\"SEK\", \"NOK\"]").Test(Facts(1, "EUR")));
        Assert.True(Compile("order.amount in [100, 200] or false").Test(Facts(200, "EUR")));
        Assert.True(Compile("true or false and false").Test(Facts(1, "EUR")));
    }

    [Fact]
    public void A_comparison_that_reads_an_unknown_value_is_false_whichever_way_it_is_put()
    {
        var noAccountDate = Facts(1, "EUR", set: [("customer.account_age_days", RiskFeatures.Unknown)]);

        Assert.False(Compile("customer.account_age_days < 1").Test(noAccountDate));
        Assert.False(Compile("customer.account_age_days != 5").Test(noAccountDate));
        Assert.False(Compile("merchant.category != \"books\"").Test(Facts(1, "EUR", category: null)));
        Assert.False(Compile("merchant.category not in [\"books\"]").Test(Facts(1, "EUR", category: null)));
        Assert.False(Compile("order.amount > 0").Test(Facts(null, null)));
    }

    [Theory]
    [InlineData("order.amont > 5", 1, 1, "unknown name 'order.amont'; did you mean 'order.amount'?")]
    [InlineData("merchant.category > 5", 1, 21, "'merchant.category' is text and cannot be compared with a number")]
    [InlineData("merchant.category > \"a\"", 1, 19, "'>' orders numbers and amounts")]
    [InlineData("order.amount > 500 and\n  device.orders_24h", 2, 3, "'device.orders_24h' is a number, not a condition")]
    [InlineData("order.amount > 5.5", 1, 16, "whole minor units")]
    [InlineData("order.amount = 5", 1, 14, "use '=='")]
    [InlineData("(order.amount > 5", 1, 18, "expected ')' to close the '(' at 1:1, found the end of the rule")]
    [InlineData("order.amount > 5.001 EUR", 1, 16, "more decimals than the currency's minor unit")]
    [InlineData("order.amount > 5 XYZ", 1, 18, "'XYZ' is not an ISO 4217 currency")]
    [InlineData("order.amount > 5 device.orders_1h > 1", 1, 18, "unexpected 'device.orders_1h' after a complete condition")]
    [InlineData("device.orders_1h in [\"a\"]", 1, 22, "'device.orders_1h' is a number; this list value is text")]
    [InlineData("merchant.category == \"open", 1, 22, "text not closed")]
    [InlineData("order.amount > 5 && true", 1, 18, "'&' is not part of the language")]
    [InlineData("   ", 1, 1, "the rule is empty")]
    public void A_rule_that_does_not_parse_or_type_check_is_refused_with_its_line_and_column(string text, int line, int column, string message)
    {
        var (rule, error) = RuleLanguage.Compile(text);

        Assert.Null(rule);
        Assert.Equal((line, column), (error!.At.Line, error.At.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{line}:{column}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_over_the_caps_on_length_depth_parts_and_list_size_is_refused_where_it_goes_over()
    {
        var tooLong = RuleLanguage.Compile(string.Concat(Enumerable.Repeat("order.amount > 1 or ", 100)) + "true");
        var tooDeep = RuleLanguage.Compile(string.Concat(Enumerable.Repeat("not ", RuleLanguage.MaxDepth + 1)) + "customer.new_device");
        var tooMany = RuleLanguage.Compile(string.Concat(Enumerable.Repeat("device.orders_24h > 1 or ", 60)) + "true");
        var longList = RuleLanguage.Compile($"device.orders_24h in [{string.Join(", ", Enumerable.Range(0, RuleLanguage.MaxListItems + 1))}]");

        Assert.Equal((new RulePosition(1, RuleLanguage.MaxLength + 1), $"the rule is longer than {RuleLanguage.MaxLength} characters"), (tooLong.Error!.At, tooLong.Error.Message));
        Assert.Equal(new RulePosition(1, (RuleLanguage.MaxDepth * 4) + 1), tooDeep.Error!.At);
        Assert.Contains("nests deeper than 16 levels", tooDeep.Error.Message, StringComparison.Ordinal);
        // Each "device.orders_24h > 1 or " is four parts (name, number, comparison, or): the 201st is the number of the 51st.
        Assert.Equal(new RulePosition(1, (50 * 25) + 21), tooMany.Error!.At);
        Assert.Contains("more than 200 parts", tooMany.Error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 100 values", longList.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(199, Compile(string.Concat(Enumerable.Repeat("device.orders_24h > 1 or ", 49)) + "device.orders_24h > 1").Nodes);
    }

    private static CompiledRule Compile(string text)
    {
        var (rule, error) = RuleLanguage.Compile(text);
        Assert.True(rule is not null, error?.ToString());
        return rule;
    }

    internal static RuleFacts Facts(long? amountMinor, string? currency, params (string Name, float Value)[] set) =>
        Facts(amountMinor, currency, "electronics", set);

    internal static RuleFacts Facts(long? amountMinor, string? currency, string? category, params (string Name, float Value)[] set)
    {
        var order = new RiskEvent("o1", new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc), amountMinor, currency, "c1", "dev-1", "198.51.100.1",
            "a@example.com", "46701234567", null, "main st 1", "main st 1", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), category);
        var features = RiskFeatures.Of(order, new EntityHistory());
        foreach (var (name, value) in set)
        {
            features[RiskFeatures.IndexOf(name)] = value;
        }

        return new RuleFacts(order, features);
    }
}
