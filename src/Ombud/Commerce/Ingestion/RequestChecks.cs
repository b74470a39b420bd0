using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Ombud.Platform;

namespace Ombud.Commerce.Ingestion;

/// <summary>The field rules of ingested data, shared by every request that carries such a field.</summary>
internal static partial class RequestChecks
{
    public static Validation Email(this Validation v, string field, string? email) =>
        v.Require(field, email, 254).Check(field, email is null || email.Length > 254 || EmailShape().IsMatch(email), "Not an email address.");

    public static Validation Phone(this Validation v, string field, string? phone) =>
        v.Check(field, phone is null || PhoneShape().IsMatch(phone), "Not a phone number (digits, spaces, +, -, parentheses; 5 to 32).");

    public static Validation Country(this Validation v, string field, string? country) =>
        v.Require(field, country, 2).Check(field, country is null || country.Length > 2 || IsCountry(country),
            "Not an ISO 3166-1 alpha-2 country code (e.g. SE, DE, GB, US).");

    /// <summary>A market is a country code; "UK" is accepted beside GB because that is what the industry calls the market.</summary>
    public static Validation Market(this Validation v, string field, string? market) =>
        v.Require(field, market, 2).Check(field, market is null || market.Length > 2 || market == "UK" || IsCountry(market),
            "Not a market: use an ISO 3166-1 alpha-2 code (SE, DE, US …) or UK.");

    public static Validation Locale(this Validation v, string field, string? locale) =>
        v.Require(field, locale, 35).Check(field, locale is null || locale.Length > 35 || IsCulture(locale), "Not a known BCP 47 locale (e.g. sv-SE, de-DE, en-GB).");

    public static Validation IpAddress(this Validation v, string field, string? ip) =>
        v.Check(field, ip is null || (ip.Length <= 45 && System.Net.IPAddress.TryParse(ip, out _)), "Not an IPv4 or IPv6 address.");

    /// <summary>
    /// An optional payment instrument: a fingerprint from the gateway, and for the label a BIN of 6 or 8 digits and the
    /// last 4. Anything that may be a full card number is refused in every field, so it is never stored.
    /// </summary>
    public static Validation Instrument(this Validation v, string field, PaymentInstrumentRequest? instrument)
    {
        if (instrument is null)
        {
            return v;
        }

        const string NoCardNumber = "Looks like a card number: send the payment gateway's fingerprint (token) for the card, never its number.";
        var (fingerprint, bin, last4) = ($"{field}.fingerprint", $"{field}.bin", $"{field}.last4");
        v.Require(fingerprint, instrument.Fingerprint, PaymentInstrument.MaxFingerprint)
            .Check(fingerprint, !PaymentInstrument.LooksLikeCardNumber(instrument.Fingerprint), NoCardNumber)
            .Check(fingerprint, instrument.Fingerprint is null || instrument.Fingerprint.All(c => c > ' ' && c < 127),
                "Printable ASCII without spaces, as gateways issue them.")
            .Check(bin, !PaymentInstrument.LooksLikeCardNumber(instrument.Bin), NoCardNumber)
            .Check(last4, !PaymentInstrument.LooksLikeCardNumber(instrument.Last4), NoCardNumber);
        if (!PaymentInstrument.LooksLikeCardNumber(instrument.Bin))
        {
            v.Check(bin, instrument.Bin is null || (instrument.Bin.Length is 6 or 8 && instrument.Bin.All(char.IsAsciiDigit)),
                "A BIN is the card's first 6 or 8 digits.");
        }

        if (!PaymentInstrument.LooksLikeCardNumber(instrument.Last4))
        {
            v.Check(last4, instrument.Last4 is null || (instrument.Last4.Length == 4 && instrument.Last4.All(char.IsAsciiDigit)),
                "The last 4 digits of the card or account.");
        }

        return v;
    }

    public static PaymentInstrument? ToInstrument(this PaymentInstrumentRequest? i) =>
        i is null ? null : new PaymentInstrument(i.Kind ?? InstrumentKind.Card, i.Fingerprint!, i.Bin, i.Last4);

    public static Validation NotInFuture(this Validation v, string field, DateTime? at, DateTime now) =>
        v.Check(field, at is null || at.Value.ToUniversalTime() <= now.AddMinutes(5), "Must not be in the future.");

    public static Validation Address(this Validation v, string field, AddressRequest? address, bool required)
    {
        if (address is null)
        {
            return required ? v.Add(field, "Required.") : v;
        }

        return v.Require($"{field}.line1", address.Line1)
            .Optional($"{field}.line2", address.Line2)
            .Require($"{field}.city", address.City, 100)
            .Require($"{field}.postalCode", address.PostalCode, 20)
            .Country($"{field}.country", address.Country);
    }

    public static Validation Check(this Validation v, string field, bool ok, string message) => ok ? v : v.Add(field, message);

    public static Address? ToAddress(this AddressRequest? a) =>
        a is null ? null : new Address(a.Line1!.Trim(), string.IsNullOrWhiteSpace(a.Line2) ? null : a.Line2.Trim(), a.City!.Trim(), a.PostalCode!.Trim(), a.Country!);

    /// <summary>A client's time as stored: UTC (unmarked means UTC), in whole microseconds as PostgreSQL keeps it.</summary>
    public static DateTime Utc(this DateTime at) =>
        (at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime()).Microseconds();

    public static DateTime Microseconds(this DateTime at) => new(at.Ticks - (at.Ticks % 10), at.Kind);

    private static bool IsCountry(string code)
    {
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,31}$")]
    private static partial Regex PhoneShape();
}
