using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Ombud.Platform;

namespace Ombud.Web;

/// <summary>
/// The person looking at a page: the language their amounts and dates are written in and the time zone their times are
/// shown in. Read per request (<see cref="ViewerMiddleware"/>) from the browser's Accept-Language and the time-zone
/// cookie that wwwroot/viewer.js sets; an interactive page keeps the viewer of the request that opened its circuit.
/// </summary>
internal sealed record Viewer(CultureInfo Culture, TimeZoneInfo TimeZone)
{
    /// <summary>The cookie holding the browser's IANA time zone, e.g. "Europe/Stockholm".</summary>
    public const string TimeZoneCookie = "ombud-tz";

    /// <summary>
    /// When the browser says nothing (a script, a test's HTTP client): the neutral form the API speaks too,
    /// "4,224.50 SEK" and "5 Dec 2026 09:00 UTC". Every browser sends Accept-Language, so people get their own.
    /// </summary>
    public static readonly Viewer Default = new(CultureInfo.InvariantCulture, TimeZoneInfo.Utc);

    private static readonly AsyncLocal<Lazy<Viewer>?> Ambient = new();

    /// <summary>Who is looking now; <see cref="Default"/> outside a request.</summary>
    public static Viewer Current => Ambient.Value?.Value ?? Default;

    /// <summary>
    /// Makes the viewer <paramref name="request"/> describes the current one for the rest of this request (and the
    /// circuit it opens). Its header and cookie are read now, while the request is live; the culture and the zone are
    /// looked up when a page first writes an amount or a time, so an API call or a static file costs neither.
    /// </summary>
    public static void Use(HttpRequest request)
    {
        var languages = request.Headers.AcceptLanguage;
        var zone = request.Headers.Cookie.Count == 0 ? null : request.Cookies[TimeZoneCookie];
        if (languages.Count == 0 && zone is null)
        {
            // Nothing to read (an API client, a script): the default viewer, with nothing made for it. Setting the
            // ambient value to the null it already holds (the usual case) costs nothing.
            Ambient.Value = null;
            return;
        }

        Ambient.Value = new Lazy<Viewer>(() => Of(languages, zone));
    }

    /// <summary>
    /// The viewer an HTTP request describes: the first language of Accept-Language (by quality) that .NET knows, a
    /// neutral one made specific ("sv" → sv-SE); the time zone from the cookie when it names a known zone.
    /// </summary>
    public static Viewer Of(HttpRequest request) => Of(request.Headers.AcceptLanguage, request.Cookies[TimeZoneCookie]);

    private static Viewer Of(StringValues acceptLanguage, string? zoneId)
    {
        var culture = (StringWithQualityHeaderValue.TryParseList(acceptLanguage, out var languages) ? languages : [])
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => CultureNamed(language.Value.Value))
            .FirstOrDefault(c => c is not null) ?? Default.Culture;
        return new Viewer(culture, ZoneNamed(zoneId) ?? Default.TimeZone);
    }

    /// <summary>
    /// The time zone an id names (an IANA id such as "Europe/Stockholm", from a cookie or a request); null when it is
    /// empty, too long to be one, or not known to this system.
    /// </summary>
    public static TimeZoneInfo? ZoneNamed(string? zoneId) =>
        zoneId is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : null;

    private static CultureInfo? CultureNamed(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name == "*")
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.CreateSpecificCulture(name);
            // ICU makes up a culture for any well-formed tag ("xx-YY"); only one of a real region has its currency's rules.
            return culture.Name.Length == 0 || culture.IsNeutralCulture || !Currencies.IsKnown(new RegionInfo(culture.Name).ISOCurrencySymbol)
                ? null
                : CultureInfo.ReadOnly(culture);
        }
        catch (Exception e) when (e is CultureNotFoundException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>Sets <see cref="Viewer.Current"/> for each request.</summary>
internal static class ViewerMiddleware
{
    public static void UseViewer(this WebApplication app) => app.Use((http, next) =>
    {
        Viewer.Use(http.Request);
        return next(http);
    });
}
