using Ombud.Platform;

namespace Ombud.Assistant.Understanding;

/// <summary>
/// What a message names. Orders and merchants are only ever the shopper's own (matched against their data); a
/// reference that matches none of their orders is kept as text only, so the reply can say "not one of yours" and
/// nothing more.
/// </summary>
internal sealed record Entities(
    IReadOnlyList<Guid> OrderIds,
    IReadOnlyList<string> UnknownReferences,
    IReadOnlyList<Guid> MerchantIds,
    Money? Amount,
    IReadOnlyList<DateOnly> Dates,
    int? Ordinal,
    string? Carrier,
    string? TrackingNumber)
{
    public static readonly Entities None = new([], [], [], null, [], null, null, null);
}
