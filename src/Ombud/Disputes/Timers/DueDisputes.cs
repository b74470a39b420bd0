using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Timers;

/// <summary>
/// Claims the disputes a timer should fire now, oldest deadline first. On PostgreSQL the claim is
/// <c>SELECT … FOR UPDATE SKIP LOCKED</c>: the rows stay locked until the caller's transaction ends, and a node
/// running the same query at the same moment skips them and takes the next ones, so two nodes never fire one dispute
/// and neither waits for the other. SQLite has one writer, the single node, queued at the <see cref="WriteGate"/>, so
/// a plain query is enough there. The condition is written twice, as SQL and as LINQ; the tests run both.
/// </summary>
internal static class DueDisputes
{
    /// <summary>Ids of due disputes, at most <paramref name="batchSize"/>, none of <paramref name="passOver"/> (those failed this tick).</summary>
    public static async Task<List<Guid>> ClaimAsync(OmbudDb db, DisputeTimer timer, DateTime now, TimeSpan priorityLead,
        IReadOnlyCollection<Guid> passOver, int batchSize, CancellationToken cancellationToken)
    {
        var horizon = now + priorityLead;
        if (db.Database.IsNpgsql())
        {
            var (condition, deadline) = PostgresCondition(timer);
            // {0} now, {1} the priority-review horizon, {2} ids to pass over, {3} the batch size: all parameters.
            var sql = "SELECT \"Id\" AS \"Value\" FROM disputes_disputes WHERE " + condition
                      + " AND NOT (\"Id\" = ANY({2})) ORDER BY \"" + deadline + "\" LIMIT {3} FOR UPDATE SKIP LOCKED";
            return await db.Database.SqlQueryRaw<Guid>(sql, now, horizon, passOver.ToArray(), batchSize).ToListAsync(cancellationToken);
        }

        return await db.Set<Dispute>()
            .Where(IsDue(timer, now, horizon))
            .Where(d => !passOver.Contains(d.Id))
            .OrderBy(Deadline(timer))
            .Select(d => d.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
    }

    private static (string Condition, string Deadline) PostgresCondition(DisputeTimer timer) => timer switch
    {
        DisputeTimer.StoreResolutionOver => ("\"State\" = 'Reported' AND \"StoreResolutionDeadline\" <= {0}", "StoreResolutionDeadline"),
        DisputeTimer.MerchantDeadlinePassed => ("\"State\" = 'Initiated' AND \"MerchantDeadline\" <= {0}", "MerchantDeadline"),
        DisputeTimer.AppealWindowOver => ("\"State\" = 'PreArbitration' AND \"AppealDeadline\" <= {0}", "AppealDeadline"),
        DisputeTimer.FinalResponseNear => ("\"State\" <> 'Closed' AND \"PriorityReviewSince\" IS NULL AND \"FinalResponseBy\" <= {1}", "FinalResponseBy"),
        DisputeTimer.FinalResponseMissed => ("\"State\" <> 'Closed' AND \"RegulatoryDeadlineMissedAt\" IS NULL AND \"FinalResponseBy\" <= {0}", "FinalResponseBy"),
        _ => throw new ArgumentOutOfRangeException(nameof(timer), timer, null),
    };

    private static Expression<Func<Dispute, bool>> IsDue(DisputeTimer timer, DateTime now, DateTime horizon) => timer switch
    {
        DisputeTimer.StoreResolutionOver => d => d.State == DisputeState.Reported && d.StoreResolutionDeadline <= now,
        DisputeTimer.MerchantDeadlinePassed => d => d.State == DisputeState.Initiated && d.MerchantDeadline <= now,
        DisputeTimer.AppealWindowOver => d => d.State == DisputeState.PreArbitration && d.AppealDeadline <= now,
        DisputeTimer.FinalResponseNear => d => d.State != DisputeState.Closed && d.PriorityReviewSince == null && d.FinalResponseBy <= horizon,
        DisputeTimer.FinalResponseMissed => d => d.State != DisputeState.Closed && d.RegulatoryDeadlineMissedAt == null && d.FinalResponseBy <= now,
        _ => throw new ArgumentOutOfRangeException(nameof(timer), timer, null),
    };

    private static Expression<Func<Dispute, DateTime?>> Deadline(DisputeTimer timer) => timer switch
    {
        DisputeTimer.StoreResolutionOver => d => d.StoreResolutionDeadline,
        DisputeTimer.MerchantDeadlinePassed => d => d.MerchantDeadline,
        DisputeTimer.AppealWindowOver => d => d.AppealDeadline,
        _ => d => d.FinalResponseBy,
    };
}
