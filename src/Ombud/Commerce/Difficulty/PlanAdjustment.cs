using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>
/// One adjustment asked for on a plan in payment difficulty: the shopper's own (applied at once, after their yes) or
/// staff's. A write-off above the market's limit waits for a second member of staff (maker-checker) and changes
/// nothing until approved. The history of a shopper's adjustments is these rows.
/// </summary>
public sealed class PlanAdjustment
{
    private PlanAdjustment()
    {
    }

    private PlanAdjustment(Guid id, PaymentPlan plan, AdjustmentKind kind, AdjustmentTerms terms, string requestedBy, bool byStaff, string? note, DateTime at)
    {
        Id = id;
        PlanId = plan.Id;
        OrderId = plan.OrderId;
        CustomerId = plan.CustomerId;
        Currency = plan.Currency;
        Kind = kind;
        Days = terms.Days;
        Instalments = terms.Instalments;
        AmountMinor = terms.AmountMinor;
        RequestedBy = requestedBy;
        ByStaff = byStaff;
        Note = note;
        RequestedAt = at;
        Status = AdjustmentStatus.AwaitingApproval;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Currency { get; private set; } = "";

    public AdjustmentKind Kind { get; private set; }

    public AdjustmentStatus Status { get; private set; }

    /// <summary>Days of an extension or a breathing space.</summary>
    public int? Days { get; private set; }

    /// <summary>How many instalments a re-plan spreads what is left over.</summary>
    public int? Instalments { get; private set; }

    /// <summary>The amount a write-off asks for.</summary>
    public long? AmountMinor { get; private set; }

    /// <summary>The fee the shopper accepted (an extension where the market allows one).</summary>
    public long FeeMinor { get; private set; }

    /// <summary>What the adjustment took off what is owed: late fees waived, an amount written off.</summary>
    public long ReliefMinor { get; private set; }

    /// <summary>What changed, in the words the shopper was shown.</summary>
    public string? Summary { get; private set; }

    public string? Note { get; private set; }

    public bool ByStaff { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTime RequestedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public Money Fee => new(FeeMinor, Currency);

    public Money Relief => new(ReliefMinor, Currency);

    /// <summary>An adjustment applied at once.</summary>
    internal static PlanAdjustment Applied(Guid id, PaymentPlan plan, AdjustmentKind kind, AdjustmentTerms terms, PlanChange change,
        string actor, bool byStaff, string? note, DateTime at)
    {
        var adjustment = new PlanAdjustment(id, plan, kind, terms, actor, byStaff, note, at);
        adjustment.Record(change, actor, at);
        return adjustment;
    }

    /// <summary>A write-off above the limit: asked for, nothing changed yet.</summary>
    internal static PlanAdjustment AwaitingApproval(Guid id, PaymentPlan plan, AdjustmentTerms terms, string actor, string? note, DateTime at) =>
        new(id, plan, AdjustmentKind.WriteOff, terms, actor, byStaff: true, note, at);

    /// <summary>Refuses a decision by the person who asked for it, or on one already decided.</summary>
    internal DomainError? RefusalToDecide(string actor)
    {
        if (Status != AdjustmentStatus.AwaitingApproval)
        {
            return new Conflict($"This adjustment is {Words(Status)} already.");
        }

        return actor == RequestedBy
            ? new Forbidden("A write-off above the limit needs a second person: the one who asked for it cannot approve or reject it.")
            : null;
    }

    internal void Record(PlanChange change, string decidedBy, DateTime at)
    {
        Status = AdjustmentStatus.Applied;
        FeeMinor = change.FeeMinor;
        ReliefMinor = change.ReliefMinor;
        Summary = change.Summary;
        DecidedBy = decidedBy;
        DecidedAt = at;
    }

    internal void Reject(string decidedBy, DateTime at)
    {
        Status = AdjustmentStatus.Rejected;
        DecidedBy = decidedBy;
        DecidedAt = at;
    }

    private static string Words(AdjustmentStatus status) => status switch
    {
        AdjustmentStatus.Applied => "applied",
        AdjustmentStatus.Rejected => "rejected",
        _ => "awaiting approval",
    };
}

/// <summary>The terms asked for: days, a number of instalments or an amount, by kind.</summary>
public sealed record AdjustmentTerms(int? Days = null, int? Instalments = null, long? AmountMinor = null);

public enum AdjustmentKind
{
    ExtendDueDate,
    Replan,
    BreathingSpace,
    WaiveLateFees,
    WriteOff,
}

public enum AdjustmentStatus
{
    AwaitingApproval,
    Applied,
    Rejected,
}
