using System.Threading.Channels;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Scoring;

/// <summary>
/// Group commit for decisions asked on demand: callers whose decisions are assessed while a commit is under way wait
/// for the next one, which stores all their decisions (each with its <c>risk.decided</c> event and audit entry) in one
/// transaction. A caller hears its decision only after the batch holding it has committed, so an answered decision is
/// never lost. One transaction for many decisions is what lets a node decide thousands a second: per decision, the
/// write and its commit were most of the database's work.
/// </summary>
/// <remarks>
/// A batch that fails (a clash, an order erased since it was assessed) is tried again one decision at a time, so only
/// the decision at fault fails, with its own reason. An exception there (a bug) fails that caller alone.
/// </remarks>
internal sealed partial class DecisionBatches(IServiceScopeFactory scopes, ILogger<DecisionBatches> log) : BackgroundService
{
    /// <summary>At most this many decisions in one transaction: enough to carry a burst, few enough to keep a commit short.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Stores the assessed decision with the next batch and answers once that batch has committed.</summary>
    public Task<Outcome<RiskDecisionView>> RecordAsync(RiskAssessment assessed, string actor)
    {
        var waiting = new Waiting(assessed, actor, new TaskCompletionSource<Outcome<RiskDecisionView>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.Writer.TryWrite(waiting))
        {
            throw new OperationCanceledException("The node is stopping: it takes no more risk decisions.");
        }

        return waiting.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Waiting>(MaxBatch);
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _waiting.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await CommitAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        finally
        {
            _waiting.Writer.TryComplete();
            while (_waiting.Reader.TryRead(out var left))
            {
                batch.Add(left);
            }

            foreach (var waiting in batch)
            {
                waiting.Done.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    private async Task CommitAsync(List<Waiting> batch, CancellationToken ct)
    {
        if (await TryCommitAsync(batch, ct) || batch.Count == 1)
        {
            return;
        }

        LogBatchFailed(batch.Count);
        foreach (var waiting in batch)
        {
            await TryCommitAsync([waiting], ct);
        }
    }

    /// <summary>Commits the batch's decisions in one unit of work; answers its callers and returns true when it committed.</summary>
    private async Task<bool> TryCommitAsync(List<Waiting> batch, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var desk = scope.ServiceProvider.GetRequiredService<RiskDesk>();
            var stored = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ =>
                Task.FromResult<Outcome<List<RiskDecisionView>>>(batch.Select(w => desk.Record(w.Assessed, RiskTrigger.OnDemand, w.Actor)).ToList()),
                ct, "The risk decision");
            if (stored.Succeeded)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(stored.Value![i]);
                }

                return true;
            }

            if (batch.Count == 1)
            {
                batch[0].Done.TrySetResult(stored.Error!);
            }

            return false;
        }
        catch (Exception failure) when (batch.Count == 1 && failure is not OperationCanceledException)
        {
            batch[0].Done.TrySetException(failure);
            return false;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogBatchThrew(failure, batch.Count);
            return false;
        }
    }

    private sealed record Waiting(RiskAssessment Assessed, string Actor, TaskCompletionSource<Outcome<RiskDecisionView>> Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} risk decisions did not commit; storing them one at a time.")]
    private partial void LogBatchFailed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} risk decisions failed.")]
    private partial void LogBatchThrew(Exception failure, int count);
}
