using System.Text.RegularExpressions;

namespace Ombud.Commerce;

/// <summary>What paid for an order at checkout.</summary>
public enum InstrumentKind
{
    Card,
    BankAccount,
    Wallet,
}

/// <summary>
/// The payment instrument an order was paid with, as the provider's payment gateway identifies it, never by its number:
/// <see cref="Fingerprint"/> is the gateway's own token for the instrument (the same card gives the same fingerprint
/// whoever uses it, as Stripe's <c>card.fingerprint</c> is), so two
/// customers paying with one card link up. <see cref="Bin"/> (the issuer's first 6 or 8 digits) and <see cref="Last4"/> are
/// kept only to label the instrument for a person ("card ••4242 (BIN 424242)"); they never link anything on their own,
/// because many different cards share a BIN and last four.
/// </summary>
public sealed partial record PaymentInstrument(InstrumentKind Kind, string Fingerprint, string? Bin, string? Last4)
{
    public const int MaxFingerprint = 128;

    /// <summary>What a person reads: kind, last four and BIN when known, else the fingerprint's start.</summary>
    public string Label => LabelOf(Kind, Fingerprint, Bin, Last4);

    public static string LabelOf(InstrumentKind kind, string fingerprint, string? bin, string? last4)
    {
        var what = kind switch
        {
            InstrumentKind.BankAccount => "bank account",
            InstrumentKind.Wallet => "wallet",
            _ => "card",
        };
        if (last4 is not null)
        {
            return bin is null ? $"{what} ••{last4}" : $"{what} ••{last4} (BIN {bin})";
        }

        return $"{what} {(fingerprint.Length <= 8 ? fingerprint : fingerprint[..8] + "…")}";
    }

    /// <summary>
    /// Whether a text holds what may be a full card number: 13 to 19 digits standing on their own (spaces or dashes
    /// between them allowed, no letter or digit either side) that pass the Luhn check every card number passes. Such a
    /// text is refused wherever an instrument is described, so a number sent by mistake is never stored. A gateway token
    /// with digits after a letter (Adyen's "M469509594859802") is not mistaken for one.
    /// </summary>
    public static bool LooksLikeCardNumber(string? text) =>
        text is not null && CardNumberShape().Matches(text).Any(m => Luhn(string.Concat(m.Value.Where(char.IsAsciiDigit))));

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\d[ \-]?){12,18}\d(?![0-9A-Za-z])")]
    private static partial Regex CardNumberShape();
}
