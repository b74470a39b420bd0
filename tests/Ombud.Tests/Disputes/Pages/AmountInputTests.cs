using Ombud.Disputes.Pages;

namespace Ombud.Tests.Disputes.Pages;

/// <summary>Amounts people type on the dispute pages become whole minor units, or a plain refusal; never a rounded guess.</summary>
public sealed class AmountInputTests
{
    [Theory]
    [InlineData("49.90", "SEK", 4_990)]
    [InlineData("49,90", "EUR", 4_990)]
    [InlineData("1,234.50", "USD", 123_450)]
    [InlineData("1 234,5", "SEK", 123_450)]
    [InlineData("250", "JPY", 250)]
    [InlineData("337.00 SEK", "SEK", 33_700)]
    public void A_typed_amount_becomes_minor_units(string typed, string currency, long minor)
    {
        var read = AmountInput.Read(typed, currency, "refund");

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(minor, read.Value!.Value.Minor);
        Assert.Equal(currency, read.Value.Value.Currency);
    }

    [Theory]
    [InlineData("10.001", "SEK", "SEK has 2 decimals")]
    [InlineData("1.5", "JPY", "JPY has 0 decimals")]
    [InlineData("0", "SEK", "more than nothing")]
    [InlineData("-5", "SEK", "as a number")]
    [InlineData("ten", "SEK", "as a number")]
    public void A_wrong_amount_is_refused_with_a_reason(string typed, string currency, string reason)
    {
        var read = AmountInput.Read(typed, currency, "refund");

        var invalid = Assert.IsType<Ombud.Platform.Invalid>(read.Error);
        Assert.Contains(reason, Assert.Single(invalid.Errors["refund"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Nothing_typed_means_the_callers_default(string? typed)
    {
        var read = AmountInput.Read(typed, "SEK", "amount");

        Assert.True(read.Succeeded);
        Assert.Null(read.Value);
    }
}
