using Ombud.Platform;

namespace Ombud.Tests.Platform;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(10_000, 3, new long[] { 3_334, 3_333, 3_333 })]
    [InlineData(-10_000, 3, new long[] { -3_334, -3_333, -3_333 })]
    [InlineData(7, 4, new long[] { 2, 2, 2, 1 })]
    [InlineData(0, 2, new long[] { 0, 0 })]
    public void Splitting_hands_out_the_remainder_so_no_minor_unit_is_lost(long minor, int parts, long[] expected)
    {
        var split = new Money(minor, "SEK").Split(parts);

        Assert.Equal(expected, split.Select(m => m.Minor));
        Assert.Equal(minor, split.Sum(m => m.Minor));
    }

    [Theory]
    [InlineData(1_742_872, "SEK", "17,428.72 SEK")]
    [InlineData(-50, "EUR", "-0.50 EUR")]
    [InlineData(12_345, "JPY", "12,345 JPY")]
    [InlineData(1_234_567, "KWD", "1,234.567 KWD")]
    public void Amounts_print_with_their_currencys_decimals(long minor, string currency, string expected) =>
        Assert.Equal(expected, new Money(minor, currency).ToString());

    [Fact]
    public void Different_currencies_do_not_add_up() =>
        Assert.Throws<InvalidOperationException>(() => new Money(100, "SEK") + new Money(100, "EUR"));
}
