namespace Ombud.Commerce;

/// <summary>A postal address; <see cref="Country"/> is ISO 3166-1 alpha-2.</summary>
public sealed record Address(string Line1, string? Line2, string City, string PostalCode, string Country);
