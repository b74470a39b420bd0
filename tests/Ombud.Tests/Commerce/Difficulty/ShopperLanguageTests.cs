using Ombud.Commerce.Difficulty;
using Ombud.Platform;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>A notice writes amounts and days the way the shopper's own language does, and falls back to English.</summary>
public sealed class ShopperLanguageTests
{
    [Theory]
    [InlineData("sv-SE", "sv", "9 december 2026")]
    [InlineData("de-DE", "de", "9. Dezember 2026")]
    [InlineData("de-AT", "de", "9. Dezember 2026")]
    [InlineData("en-GB", "en", "9 December 2026")]
    [InlineData("fi-FI", "en", "9 December 2026")]
    [InlineData(null, "en", "9 December 2026")]
    public void A_day_is_written_in_the_shoppers_language(string? locale, string language, string written)
    {
        var words = ShopperLanguage.Of(locale);

        Assert.Equal((language, written), (words.Language, words.Date(new DateOnly(2026, 12, 9))));
    }

    [Fact]
    public void German_amounts_group_with_dots_and_Swedish_with_spaces()
    {
        var amount = new Money(422_450, "SEK");

        Assert.Contains("4.224,50", ShopperLanguage.Of("de-DE").Money(amount), StringComparison.Ordinal);
        var swedish = ShopperLanguage.Of("sv-SE").Money(amount);
        Assert.Contains("224,50", swedish, StringComparison.Ordinal);
        Assert.DoesNotContain("4.224", swedish, StringComparison.Ordinal);
        Assert.EndsWith("kr", swedish, StringComparison.Ordinal);
    }
}
