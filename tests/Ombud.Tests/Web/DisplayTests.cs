using System.Globalization;
using Microsoft.AspNetCore.Http;
using Ombud.Platform;
using Ombud.Web;

namespace Ombud.Tests.Web;

/// <summary>Amounts, dates and times as each viewer reads them, and how a request says who the viewer is.</summary>
public sealed class DisplayTests
{
    private static readonly Money Amount = new(422_450, "SEK");

    [Theory]
    [InlineData("sv-SE", "SEK", "4 224,50 kr")]
    [InlineData("de-DE", "SEK", "4.224,50 SEK")]
    [InlineData("de-DE", "EUR", "4.224,50 €")]
    [InlineData("en-US", "SEK", "SEK 4,224.50")]
    [InlineData("en-US", "USD", "$4,224.50")]
    [InlineData("en-GB", "GBP", "£4,224.50")]
    [InlineData("sv-SE", "EUR", "4 224,50 EUR")]
    public void An_amount_reads_as_the_viewers_language_writes_money(string culture, string currency, string expected) =>
        Assert.Equal(expected, Plain(Display.Money(Amount with { Currency = currency }, CultureInfo.GetCultureInfo(culture))));

    [Theory]
    [InlineData("en-US", "JPY", 4_224, "JPY 4,224")]
    [InlineData("de-DE", "KWD", 4_224_500, "4.224,500 KWD")]
    [InlineData("en-US", "SEK", -1_050, "-SEK 10.50")]
    [InlineData("sv-SE", "SEK", -1_050, "-10,50 kr")]
    public void An_amount_keeps_its_currencys_own_decimals_and_its_sign(string culture, string currency, long minor, string expected) =>
        Assert.Equal(expected, Plain(Display.Money(new Money(minor, currency), CultureInfo.GetCultureInfo(culture))));

    [Fact]
    public void A_viewer_who_says_nothing_gets_the_neutral_form_the_api_speaks()
    {
        Assert.Equal("4,224.50 SEK", Display.Money(Amount, Viewer.Default.Culture));
        Assert.Equal("5 Dec 2026 09:30 UTC", Display.Timestamp(new DateTime(2026, 12, 5, 9, 30, 0), Viewer.Default));
    }

    [Fact]
    public void A_time_is_shown_in_the_viewers_zone_and_a_date_is_the_day_there()
    {
        var stockholm = new Viewer(CultureInfo.GetCultureInfo("sv-SE"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"));
        var newYork = new Viewer(CultureInfo.GetCultureInfo("en-US"), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var lateEvening = new DateTime(2026, 12, 5, 23, 30, 0, DateTimeKind.Utc);
        var summer = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Unspecified); // as the database gives it back: UTC without a kind

        Assert.Equal("6 dec. 2026 00:30", Display.Timestamp(lateEvening, stockholm));
        Assert.Equal("6 dec. 2026", Display.Date(lateEvening, stockholm));
        Assert.Equal("5 Dec 2026 18:30", Display.Timestamp(lateEvening, newYork));
        Assert.Equal("1 juli 2026 14:00", Display.Timestamp(summer, stockholm));
    }

    [Theory]
    [InlineData("sv-SE,sv;q=0.9,en;q=0.8", "sv-SE")]
    [InlineData("de", "de-DE")]
    [InlineData("en;q=0.5, de-DE;q=0.9", "de-DE")]
    [InlineData("xx-YY, sv", "sv-SE")]
    [InlineData("*", "")]
    [InlineData("", "")]
    [InlineData("not a language;;q=x", "")]
    public void The_viewers_language_is_the_first_one_the_browser_asks_for_that_has_money_rules(string acceptLanguage, string expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = acceptLanguage;

        Assert.Equal(expected, Viewer.Of(http.Request).Culture.Name);
    }

    [Theory]
    [InlineData("Europe/Stockholm", "Europe/Stockholm")]
    [InlineData("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("Mars/Olympus_Mons", "UTC")]
    [InlineData("", "UTC")]
    public void The_viewers_time_zone_comes_from_the_cookie_when_it_names_a_real_zone(string cookie, string expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{Viewer.TimeZoneCookie}={cookie}";

        Assert.Equal(expected, Viewer.Of(http.Request).TimeZone.Id);
    }

    [Fact]
    public async Task A_request_that_names_no_language_and_no_zone_is_shown_as_the_default_viewer()
    {
        // Async, so the viewer set here stays in this test's own execution context.
        await Task.Yield();
        var bare = new DefaultHttpContext();
        var swedish = new DefaultHttpContext();
        swedish.Request.Headers.AcceptLanguage = "sv";

        Viewer.Use(bare.Request);
        Assert.Same(Viewer.Default, Viewer.Current);
        Viewer.Use(swedish.Request);
        Assert.Equal("sv-SE", Viewer.Current.Culture.Name);
        Viewer.Use(bare.Request);
        Assert.Same(Viewer.Default, Viewer.Current);
    }

    /// <summary>ICU separates Swedish digit groups with a no-break space and writes minus as U+2212: compare plain text.</summary>
    private static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ').Replace('\u2212', '-');
}
