namespace Ombud.Marketplace.Surge;

/// <summary>The surge level of a market changed: levels, multiplier and pressure only, no agent or shopper.</summary>
public sealed record SurgeChanged(string Market, SurgeLevel From, SurgeLevel To, int PerMille, int PressurePerMille, DateTime At)
{
    public const string Type = "marketplace.surge-changed";

    public const int CurrentVersion = 1;
}
