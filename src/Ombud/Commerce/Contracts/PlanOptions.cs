using Ombud.Platform;

namespace Ombud.Commerce.Contracts;

/// <summary>
/// What a shopper in payment difficulty may do about one plan: each adjustment with whether they can take it
/// themselves, why (in words), what it costs and what it changes, and free debt advice in their market.
/// </summary>
public sealed record PlanOptions(Guid PlanId, Guid OrderId, string Market, Money Outstanding, DateOnly? BreathingSpaceUntil,
    IReadOnlyList<AdjustmentOffer> Offers, IReadOnlyList<DebtAdvice> DebtAdvice)
{
    public IEnumerable<AdjustmentOffer> SelfService => Offers.Where(o => o.Standing == OfferStanding.SelfService);
}

/// <param name="Why">Why the shopper may or may not take it, e.g. "because you have paid your last 3 instalments on time".</param>
/// <param name="Cost">What it costs the shopper; the yes must name this amount.</param>
/// <param name="WhatChanges">What the plan looks like after it, worked out on the plan itself; empty when it is not possible.</param>
public sealed record AdjustmentOffer(AdjustmentKind Kind, OfferStanding Standing, string Title, string Why, Money Cost, string WhatChanges, AdjustmentTerms Terms);

public enum OfferStanding
{
    /// <summary>The shopper may take it with a yes.</summary>
    SelfService,

    /// <summary>Policy does not let the shopper take it alone; a person can.</summary>
    NeedsPerson,

    /// <summary>Nobody can take it now (limit reached, plan paused by a dispute, nothing to waive).</summary>
    NotPossible,
}

public sealed record DebtAdvice(string Name, string? Url, string? Phone, string? About);

/// <summary>One adjustment of a shopper's history, as staff and the shopper see it.</summary>
public sealed record AdjustmentRecord(Guid Id, Guid PlanId, Guid OrderId, AdjustmentKind Kind, AdjustmentStatus Status, Money Fee, Money Relief,
    long? AmountMinor, string? Summary, string? Note, bool ByStaff, string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt);
