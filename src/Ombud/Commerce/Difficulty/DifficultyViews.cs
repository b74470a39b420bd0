using Ombud.Commerce.Contracts;

namespace Ombud.Commerce.Difficulty;

// What the payment-difficulty API answers. Amounts are whole minor units in the currency named beside them.

/// <param name="Cost">What taking the option costs; a yes sends it back as <c>acceptedCost</c>.</param>
public sealed record OptionView(AdjustmentKind Kind, OfferStanding Standing, string Title, string Why, long Cost, string WhatChanges);

public sealed record OptionsView(Guid PlanId, Guid OrderId, string Currency, long Outstanding, DateOnly? BreathingSpaceUntil,
    IReadOnlyList<OptionView> Options, IReadOnlyList<DebtAdvice> DebtAdvice)
{
    public static OptionsView From(PlanOptions o) => new(o.PlanId, o.OrderId, o.Outstanding.Currency, o.Outstanding.Minor, o.BreathingSpaceUntil,
        [.. o.Offers.Select(f => new OptionView(f.Kind, f.Standing, f.Title, f.Why, f.Cost.Minor, f.WhatChanges))], o.DebtAdvice);
}

public sealed record AdjustmentView(Guid Id, Guid PlanId, Guid OrderId, AdjustmentKind Kind, AdjustmentStatus Status, string Currency, long Fee,
    long Relief, long? Amount, string? Summary, string? Note, bool ByStaff, DateTime RequestedAt, DateTime? DecidedAt)
{
    public static AdjustmentView From(AdjustmentRecord a) => new(a.Id, a.PlanId, a.OrderId, a.Kind, a.Status, a.Fee.Currency, a.Fee.Minor,
        a.Relief.Minor, a.AmountMinor, a.Summary, a.Note, a.ByStaff, a.RequestedAt, a.DecidedAt);
}

/// <summary>Staff see who asked and who decided, for the maker-checker trail.</summary>
public sealed record StaffAdjustmentView(AdjustmentView Adjustment, string RequestedBy, string? DecidedBy)
{
    public static StaffAdjustmentView From(AdjustmentRecord a) => new(AdjustmentView.From(a), a.RequestedBy, a.DecidedBy);
}

/// <summary>The shopper's yes: the option and the cost they were shown.</summary>
public sealed record AdjustmentYes(AdjustmentKind? Kind, long? AcceptedCost);

/// <summary>A staff adjustment: <c>days</c> for an extension or breathing space, <c>instalments</c> for a re-plan, <c>amount</c> and <c>note</c> for a write-off.</summary>
public sealed record StaffAdjustmentRequest(AdjustmentKind? Kind, int? Days, int? Instalments, long? Amount, string? Note);

/// <summary>How staff closed a difficulty case: what was agreed or why nothing more is needed.</summary>
public sealed record CaseResolution(string? Resolution);

/// <summary>Why staff withdraw a plan's hand-over to collection.</summary>
public sealed record CollectionWithdrawal(string? Reason);
