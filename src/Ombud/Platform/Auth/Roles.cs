namespace Ombud.Platform.Auth;

/// <summary>The roles of people in Ombud. Each sees a home page and navigation of its own.</summary>
public static class Roles
{
    public const string Shopper = "shopper";
    public const string Agent = "agent";
    public const string FraudSpecialist = "fraud-specialist";
    public const string Analyst = "analyst";
    public const string Merchant = "merchant";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Shopper, Agent, FraudSpecialist, Analyst, Merchant, Admin];
}
