using Microsoft.Extensions.Options;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Timers;

/// <summary>
/// Fires due timers: one claim over every kind (one query per database, whatever the kinds), each timer in a unit of
/// work with its deletion, so it fires once in effect also when two nodes race or one dies mid-batch.
/// </summary>
public sealed partial class TimerRun(IServiceScopeFactory scopes, IEnumerable<TimerKind> kinds, IOptions<EventOptions> options, TimeProvider clock, CommitSignal commits,
    ILogger<TimerRun> logger)
{
    private readonly Dictionary<string, TimerKind> _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
    // A request may move or cancel a timer while it is claimed, so each is read again before it fires (not OnlyClaimsChangePending).
    private readonly WorkPass<DurableTimer> _pass = new(scopes, clock, options.Value, commits, logger,
        new WorkRules<DurableTimer>(t => [t.Kind, t.EntityId], Commits(kinds),
            Comparer<DurableTimer>.Create((a, b) => (a.FireAt, a.Kind, a.EntityId).CompareTo((b.FireAt, b.Kind, b.EntityId))))
        {
            Name = t => t.Kind,
        });

    /// <summary>Fires everything due now (or only timers of the kinds given) and says how many of each kind did something.</summary>
    public Task<IReadOnlyDictionary<string, int>> RunOnceAsync(IReadOnlyCollection<string>? only, CancellationToken ct) => RunOnceAsync(only, look: true, ct);

    /// <param name="look">False when a commit of this node just set a timer due now: the pass claims without looking first.</param>
    internal async Task<IReadOnlyDictionary<string, int>> RunOnceAsync(IReadOnlyCollection<string>? only, bool look, CancellationToken ct)
    {
        var results = await _pass.RunAsync(only is null ? null : new WorkFilter(nameof(DurableTimer.Kind), only), FireAsync, look, ct, LogBatch);
        return results.GroupBy(r => r.Item.Kind).ToDictionary(g => g.Key, g => g.Count(r => r.Done), StringComparer.Ordinal);
    }

    private static Func<DurableTimer, WorkCommit> Commits(IEnumerable<TimerKind> kinds)
    {
        var byKind = kinds.ToDictionary(k => k.Kind, k => k.Commit, StringComparer.Ordinal);
        return t => byKind.GetValueOrDefault(t.Kind, WorkCommit.Batched);
    }

    private void LogBatch(IReadOnlyList<(DurableTimer Item, bool Done)> batch)
    {
        foreach (var kind in batch.GroupBy(r => r.Item.Kind))
        {
            var done = kind.Count(r => r.Done);
            var claimed = kind.Count();
            LogFired(logger, kind.Key, done, claimed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Kind}: fired {Fired} of {Claimed} claimed in this batch")]
    private static partial void LogFired(ILogger logger, string kind, int fired, int claimed);

    private async Task<bool> FireAsync(IServiceProvider services, DurableTimer timer, CancellationToken ct)
    {
        var kind = _kinds.GetValueOrDefault(timer.Kind) ?? throw new InvalidOperationException($"No handler for timers of kind '{timer.Kind}' on this node.");
        var handler = (ITimerHandler)services.GetRequiredService(kind.Handler);
        var lease = timer.Lease;
        var fired = await handler.FireAsync(new DueTimer(timer.Kind, timer.EntityId, timer.FireAt, timer.Attempts) { Lease = lease }, ct);
        // A handler may set its own timer again (the next deadline of the same entity): then it stays, moved.
        if (kind.InUnitOfWork && timer.Lease == lease)
        {
            services.GetRequiredService<OmbudDb>().Remove(timer);
        }

        return fired;
    }
}
