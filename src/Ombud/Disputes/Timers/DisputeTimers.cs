using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Platform.Telemetry;

namespace Ombud.Disputes.Timers;

/// <summary>
/// Fires every dispute clock that is due: for each <see cref="DisputeTimer"/>, batch after batch, a transaction claims
/// due disputes (<see cref="DueDisputes"/>), makes each move through the same use cases people use, and commits.
/// Exactly once: a claimed dispute is locked until the commit, the move re-reads it under that lock, and the entity
/// refuses a move that is no longer due. A node killed mid-batch commits nothing of it; its locks go with its
/// connection and another node fires the batch. One dispute that fails is rolled back to its savepoint and passed over
/// until the next tick; the rest of its batch still commits.
/// </summary>
internal sealed partial class DisputeTimers
{
    /// <summary>Who the transitions and audit entries name for a move nobody asked for.</summary>
    public const string Actor = "system";

    private const string Savepoint = "dispute_timer";

    private readonly IServiceScopeFactory _scopes;
    private readonly WriteGate _writeGate;
    private readonly TimeProvider _time;
    private readonly IOptions<DisputeTimerOptions> _options;
    private readonly ILogger<DisputeTimers> _logger;
    private readonly Counter<long> _fired;

    public DisputeTimers(IServiceScopeFactory scopes, WriteGate writeGate, TimeProvider time, IOptions<DisputeTimerOptions> options,
        ILogger<DisputeTimers> logger, IMeterFactory meters)
    {
        (_scopes, _writeGate, _time, _options, _logger) = (scopes, writeGate, time, options, logger);
        _fired = meters.Create(TelemetrySetup.MeterName).CreateCounter<long>("ombud.disputes.timers.fired", description: "Dispute clocks fired, by timer.");
    }

    /// <summary>One tick: fires everything due now and says how many of each timer this node fired.</summary>
    public async Task<IReadOnlyDictionary<DisputeTimer, int>> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = new Dictionary<DisputeTimer, int>();
        foreach (var timer in Enum.GetValues<DisputeTimer>())
        {
            fired[timer] = await FireAsync(timer, cancellationToken);
        }

        return fired;
    }

    private async Task<int> FireAsync(DisputeTimer timer, CancellationToken cancellationToken)
    {
        var passOver = new List<Guid>();
        var total = 0;
        while (true)
        {
            (int Claimed, int Fired) batch;
            try
            {
                batch = await FireBatchAsync(timer, passOver, cancellationToken);
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                // The batch rolled back whole (a lost connection, a failed commit); the next tick claims it again.
                LogBatchFailed(_logger, timer, failure);
                return total;
            }

            total += batch.Fired;
            if (batch.Claimed == 0)
            {
                return total;
            }
        }
    }

    private async Task<(int Claimed, int Fired)> FireBatchAsync(DisputeTimer timer, List<Guid> passOver, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        await using var scope = _scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<OmbudDb>();
        using var writing = await _writeGate.EnterAsync(cancellationToken);
        // One savepoint per dispute, ours: EF's own per SaveChanges would not cover a failure before the save.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await DueDisputes.ClaimAsync(db, timer, _time.GetUtcNow().UtcDateTime, options.PriorityReviewLead, passOver,
            options.BatchSize, cancellationToken);
        var fired = 0;
        foreach (var id in claimed)
        {
            await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
            if (await TryFireAsync(services, timer, id, cancellationToken))
            {
                await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
                fired++;
            }
            else
            {
                await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
                passOver.Add(id);
            }

            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        if (claimed.Count > 0)
        {
            _fired.Add(fired, new KeyValuePair<string, object?>("timer", timer.ToString()));
            LogBatch(_logger, timer, fired, claimed.Count - fired);
        }

        return (claimed.Count, fired);
    }

    private async Task<bool> TryFireAsync(IServiceProvider services, DisputeTimer timer, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await MoveAsync(services, timer, id, cancellationToken);
            if (outcome.Succeeded)
            {
                return true;
            }

            LogRefused(_logger, timer, id, outcome.Error!.Detail);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(_logger, timer, id, failure);
        }

        return false;
    }

    private static Task<Outcome<Dispute>> MoveAsync(IServiceProvider services, DisputeTimer timer, Guid id, CancellationToken cancellationToken) =>
        timer switch
        {
            DisputeTimer.StoreResolutionOver => services.GetRequiredService<DisputeService>().EscalateAsync(id, Actor, cancellationToken),
            DisputeTimer.MerchantDeadlinePassed => services.GetRequiredService<DisputeService>().ExpireMerchantDeadlineAsync(id, Actor, cancellationToken),
            DisputeTimer.AppealWindowOver => services.GetRequiredService<DisputeService>().CloseAsync(id, Actor, cancellationToken),
            DisputeTimer.FinalResponseNear => services.GetRequiredService<FinalResponseFlags>().FlagForPriorityReviewAsync(id, Actor, cancellationToken),
            DisputeTimer.FinalResponseMissed => services.GetRequiredService<FinalResponseFlags>().FlagDeadlineMissedAsync(id, Actor, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(timer), timer, null),
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispute timer {Timer}: fired {Fired} in this batch, {Failed} passed over until the next tick")]
    private static partial void LogBatch(ILogger logger, DisputeTimer timer, int fired, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute timer {Timer} was refused for dispute {DisputeId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, DisputeTimer timer, Guid disputeId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispute timer {Timer} failed for dispute {DisputeId}; it is retried next tick")]
    private static partial void LogFailed(ILogger logger, DisputeTimer timer, Guid disputeId, Exception failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of dispute timer {Timer} failed and rolled back; it is retried next tick")]
    private static partial void LogBatchFailed(ILogger logger, DisputeTimer timer, Exception failure);
}
