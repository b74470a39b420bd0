namespace Ombud.Commerce;

/// <summary>A store that sells through the provider.</summary>
public sealed class Merchant
{
    private Merchant()
    {
    }

    public Merchant(Guid id, string? externalId, string name, string categoryCode, string country, int disputeRateBasisPoints,
        DateTime ingestedAt)
    {
        Id = id;
        ExternalId = externalId;
        Name = name;
        CategoryCode = categoryCode;
        Country = country;
        DisputeRateBasisPoints = disputeRateBasisPoints;
        IngestedAt = ingestedAt;
    }

    public Guid Id { get; private set; }

    public string? ExternalId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>ISO 18245 merchant category code, four digits (5732 electronics, 5651 clothing …).</summary>
    public string CategoryCode { get; private set; } = "";

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; private set; } = "";

    /// <summary>Share of the merchant's orders that end in a dispute, in basis points (1.25 % = 125).</summary>
    public int DisputeRateBasisPoints { get; private set; }

    public DateTime IngestedAt { get; private set; }
}
