using Ombud.Platform.Auth;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// The accounts demo mode creates, one per role, for the sign-in page to offer. They exist only in demo mode, on a
/// demo world, which is why their password can be printed on that page.
/// </summary>
public static class DemoAccounts
{
    /// <summary>The password of every demo account (it meets Identity's rules: 10+ characters, upper, lower, digit).</summary>
    public const string Password = "Ombud-demo-1";

    /// <summary>One account per role in <see cref="Roles.All"/>, in that order.</summary>
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new(Roles.Shopper, "shopper@demo.ombud.test", "Anna Svensson (shopper)"),
        new(Roles.Agent, "agent@demo.ombud.test", "Jonas Berg (agent)"),
        new(Roles.FraudSpecialist, "fraud-specialist@demo.ombud.test", "Mira Lindqvist (fraud specialist)"),
        new(Roles.Analyst, "analyst@demo.ombud.test", "Omar Haddad (analyst)"),
        new(Roles.Merchant, "merchant@demo.ombud.test", "Lena Vogel (merchant)"),
        new(Roles.Admin, "admin@demo.ombud.test", "Sam Okafor (admin)"),
    ];
}

/// <summary>A demo account: its role, the email it signs in with, and the name shown for it.</summary>
public sealed record DemoAccount(string Role, string Email, string DisplayName);
