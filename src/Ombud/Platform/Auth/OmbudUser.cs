using Microsoft.AspNetCore.Identity;

namespace Ombud.Platform.Auth;

/// <summary>A person who signs in. Shoppers and merchants' staff are tied to the customer or merchant they act for.</summary>
public sealed class OmbudUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for shoppers: the customer whose orders and plans they see.</summary>
    public Guid? CustomerId { get; set; }

    /// <summary>Set for merchant staff: the merchant whose disputes they see.</summary>
    public Guid? MerchantId { get; set; }

    /// <summary>True for the accounts demo mode creates, which the sign-in page offers with one click.</summary>
    public bool IsDemo { get; set; }
}
