using System.Globalization;

namespace Ombud.Marketplace.Surge;

/// <summary>A multiplier in per mille as people read it: 1250 → "×1.25".</summary>
public static class SurgeText
{
    public static string Multiplier(int perMille) =>
        "×" + (perMille / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
}
