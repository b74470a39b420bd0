namespace Ombud.Commerce.Pages;

/// <summary>One part of the market chart: a market and a plan type (null: orders without a plan).</summary>
public sealed record MarketSlice(string Market, PlanKind? Kind);
