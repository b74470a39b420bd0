using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// The demo world's payment cards, as a gateway would identify them: a fingerprint, a BIN and the last four digits,
/// made from a seed (a customer's id, a ring's number) rather than drawn, so adding cards changed none of the world's
/// other random draws. Every shopper pays with a card of their own; a ring's members also share one.
/// </summary>
internal static class DemoCards
{
    public static PaymentInstrument Of(Customer customer) => Make($"customer:{customer.Id}");

    public static PaymentInstrument OfRing(DemoRing ring) => Make($"ring:{ring.Number}:{ring.Devices[0]}");

    private static PaymentInstrument Make(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var digits = string.Concat(hash.Take(10).Select(b => (b % 10).ToString(CultureInfo.InvariantCulture)));
        // Visa-like BINs (4…), as the demo's markets mostly see.
        return new PaymentInstrument(InstrumentKind.Card, "demo_fp_" + Convert.ToHexStringLower(hash, 10, 12), "4" + digits[..5], digits[6..10]);
    }
}
