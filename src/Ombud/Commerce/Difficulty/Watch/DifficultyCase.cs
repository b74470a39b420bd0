using Ombud.Platform;

namespace Ombud.Commerce;

/// <summary>
/// A shopper the daily watch found showing signs of payment difficulty, in the staff queue until someone resolves it.
/// Its reasons are in words ("2 payments missed …") and refreshed on every run while it is open. Contacting is limited:
/// <see cref="LastContactedAt"/> is when the shopper last heard from us about it, by the watch or by staff.
/// </summary>
public sealed class DifficultyCase
{
    private DifficultyCase()
    {
    }

    private DifficultyCase(Guid id, Guid customerId, string market, string reasons, DateTime at)
    {
        Id = id;
        CustomerId = customerId;
        Market = market;
        Reasons = reasons;
        OpenedAt = at;
        FlaggedAt = at;
        Status = DifficultyCaseStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Market { get; private set; } = "";

    public DifficultyCaseStatus Status { get; private set; }

    /// <summary>Why the shopper was flagged, one sign per line, as staff read it.</summary>
    public string Reasons { get; private set; } = "";

    public DateTime OpenedAt { get; private set; }

    /// <summary>The last run that still saw the signs.</summary>
    public DateTime FlaggedAt { get; private set; }

    public DateTime? LastContactedAt { get; private set; }

    /// <summary>Who last contacted the shopper: the watch (<c>system:difficulty-watch</c>) or a member of staff.</summary>
    public string? LastContactedBy { get; private set; }

    public int Contacts { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public string? Resolution { get; private set; }

    public bool IsOpen => Status != DifficultyCaseStatus.Resolved;

    internal static DifficultyCase Open(Guid id, Guid customerId, string market, string reasons, DateTime at) => new(id, customerId, market, reasons, at);

    /// <summary>The watch still sees signs: the reasons are today's.</summary>
    internal void Flag(string reasons, DateTime at)
    {
        Reasons = reasons;
        FlaggedAt = at;
    }

    /// <summary>The shopper was contacted (a message in their pages by the watch, or a call or note by staff).</summary>
    internal Outcome<DifficultyCase> Contacted(string by, DateTime at)
    {
        if (!IsOpen)
        {
            return new Conflict($"This case was resolved on {ResolvedAt:yyyy-MM-dd}; open a new one by the next run if the signs stay.");
        }

        Status = DifficultyCaseStatus.Contacted;
        LastContactedAt = at;
        LastContactedBy = by;
        Contacts++;
        return this;
    }

    internal Outcome<DifficultyCase> Resolve(string by, string resolution, DateTime at)
    {
        if (!IsOpen)
        {
            return new Conflict($"This case was already resolved on {ResolvedAt:yyyy-MM-dd} by {ResolvedBy}.");
        }

        Status = DifficultyCaseStatus.Resolved;
        ResolvedAt = at;
        ResolvedBy = by;
        Resolution = resolution;
        return this;
    }
}

public enum DifficultyCaseStatus
{
    /// <summary>Flagged; nobody has contacted the shopper about it yet.</summary>
    Open,

    /// <summary>The shopper has been contacted; waiting for them or for staff.</summary>
    Contacted,

    Resolved,
}
