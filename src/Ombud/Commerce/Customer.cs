namespace Ombud.Commerce;

/// <summary>A shopper of the provider: who they are, where they live and how well we know them.</summary>
public sealed class Customer
{
    private Customer()
    {
    }

    public Customer(Guid id, string? externalId, string name, string email, string? phone, string locale, string market,
        KycLevel kycLevel, DateTime accountCreatedAt, Address? address, DateTime ingestedAt)
    {
        Id = id;
        ExternalId = externalId;
        Name = name;
        Email = email;
        Phone = phone;
        Locale = locale;
        Market = market;
        KycLevel = kycLevel;
        AccountCreatedAt = accountCreatedAt;
        Address = address;
        IngestedAt = ingestedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The provider's own id for this customer, unique when given.</summary>
    public string? ExternalId { get; private set; }

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string? Phone { get; private set; }

    /// <summary>BCP 47 language tag the customer is served in, e.g. sv-SE.</summary>
    public string Locale { get; private set; } = "";

    /// <summary>The market (and so the jurisdiction whose rules apply), e.g. SE, DE, UK, US.</summary>
    public string Market { get; private set; } = "";

    public KycLevel KycLevel { get; private set; }

    public DateTime AccountCreatedAt { get; private set; }

    public Address? Address { get; private set; }

    public DateTime IngestedAt { get; private set; }

    /// <summary>Forgets who the customer is (erasure): name, e-mail, phone, address and the provider's id go; market and dates stay.</summary>
    internal void Pseudonymise(string pseudonym, string email)
    {
        (Name, Email, Phone, Address, ExternalId) = (pseudonym, email, null, null, null);
    }
}

/// <summary>How far the customer's identity has been verified.</summary>
public enum KycLevel
{
    None,
    Basic,
    Verified,
    Enhanced,
}
