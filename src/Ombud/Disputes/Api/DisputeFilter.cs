using Ombud.Platform;
using Ombud.Platform.Http;

namespace Ombud.Disputes.Api;

/// <summary>What the staff list of all disputes narrows to; every part optional, as it comes from a query string.</summary>
/// <param name="State">A lifecycle state, e.g. <c>representment</c>.</param>
/// <param name="Reason">The dispute's kind, e.g. <c>goodsOrServiceNotReceived</c>.</param>
/// <param name="Merchant">A merchant's id.</param>
/// <param name="Flag"><c>overdue</c> (the next step's deadline has passed), <c>priority</c> (on priority review) or <c>missed</c> (the regulatory final response came late).</param>
/// <param name="From">Reported on or after this day (UTC), <c>yyyy-MM-dd</c>.</param>
/// <param name="To">Reported on or before this day (UTC), <c>yyyy-MM-dd</c>.</param>
public sealed record DisputeFilter(string? State, string? Reason, string? Merchant, string? Flag, string? From, string? To)
{
    public static readonly IReadOnlyList<string> Flags = ["overdue", "priority", "missed"];

    /// <summary>The disputes that pass; or, when a field makes no sense, the error naming each such field.</summary>
    internal (IQueryable<Dispute> Rows, Invalid? Error) Apply(IQueryable<Dispute> rows, DateTime now)
    {
        var invalid = new Validation();
        if (Parse<DisputeState>(State) is var (stateOk, state) && !stateOk)
        {
            invalid.Add("state", $"One of {Names<DisputeState>()}.");
        }
        else if (state is { } s)
        {
            rows = rows.Where(d => d.State == s);
        }

        if (Parse<DisputeReason>(Reason) is var (reasonOk, reason) && !reasonOk)
        {
            invalid.Add("reason", $"One of {Names<DisputeReason>()}.");
        }
        else if (reason is { } r)
        {
            rows = rows.Where(d => d.Reason == r);
        }

        if (Merchant is not null)
        {
            if (Guid.TryParse(Merchant, out var merchant))
            {
                rows = rows.Where(d => d.MerchantId == merchant);
            }
            else
            {
                invalid.Add("merchant", "A merchant's id.");
            }
        }

        rows = Flag switch
        {
            null => rows,
            "overdue" => rows.Where(d =>
                (d.State == DisputeState.Reported && d.StoreResolutionDeadline <= now)
                || (d.State == DisputeState.Initiated && d.MerchantDeadline <= now)
                || (d.State == DisputeState.PreArbitration && d.AppealDeadline <= now)
                || ((d.State == DisputeState.Representment || d.State == DisputeState.Arbitration) && d.FinalResponseBy <= now)),
            "priority" => rows.Where(d => d.PriorityReviewSince != null && d.State != DisputeState.Closed),
            "missed" => rows.Where(d => d.RegulatoryDeadlineMissedAt != null),
            _ => Refuse(invalid, "flag", $"One of {string.Join(", ", Flags)}.", rows),
        };

        var (start, end) = invalid.Days("from", From, "to", To);
        if (start is { } first)
        {
            rows = rows.Where(d => d.ReportedAt >= first);
        }

        if (end is { } last)
        {
            rows = rows.Where(d => d.ReportedAt < last);
        }

        return (rows, invalid.IsValid ? null : invalid.ToError());
    }

    private static (bool Ok, T? Value) Parse<T>(string? text)
        where T : struct, Enum =>
        text is null ? (true, null)
        : EnumNames.TryParse<T>(text, out var value) ? (true, value)
        : (false, null);

    private static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    private static IQueryable<Dispute> Refuse(Validation invalid, string field, string message, IQueryable<Dispute> rows)
    {
        invalid.Add(field, message);
        return rows;
    }
}
