using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Chat;

/// <summary>
/// Group commit for the assistant's turns (<see cref="GroupCommit{TItem,TResult}"/>): a turn that has read and
/// understood its message (<see cref="ConversationDesk"/>) hands the rest — holding the conversation, the check that
/// nothing changed, the policy and the writes — to the next batch, which runs it for many conversations in one
/// transaction. The shopper hears the reply only once the batch holding it has committed. On SQLite that is one turn
/// at the node's write gate and one commit for up to <see cref="GroupCommit{TItem,TResult}.MaxBatch"/> turns instead of
/// one each, which was nearly all of a turn's time under load.
/// </summary>
/// <remarks>
/// Two turns of one conversation never share a batch (the later must see the earlier's messages), nor does a turn
/// whose shopper an earlier turn of the batch acted for (it would decide on data that is about to change): they go to
/// the next one. On PostgreSQL <see cref="AssistantOptions.BatchWriters"/> writers commit batches side by side, each for
/// its own conversations, so a conversation's turns keep their order; on SQLite one does, since every write waits at
/// the one gate anyway.
/// </remarks>
internal sealed class TurnBatches(IServiceScopeFactory scopes, ILogger<TurnBatches> log, DatabaseOptions database, IOptions<AssistantOptions> options)
    : GroupCommit<HeldTurn, TurnView>(scopes, log, database.IsSqlite ? 1 : options.Value.BatchWriters)
{
    /// <summary>
    /// True when turns go to batches: the node runs them (a one-shot command does not) and they are not turned off
    /// (<see cref="AssistantOptions.BatchTurns"/>, on unless set to false).
    /// </summary>
    public bool Take => IsRunning && options.Value.BatchTurns;

    /// <summary>Stores the turn with the next batch; answers once that batch has committed.</summary>
    public Task<Outcome<TurnView>> TakeAsync(HeldTurn turn) => WithNextCommitAsync(turn);

    protected override string Subject => ConversationDesk.Subject;

    protected override object? KeyOf(HeldTurn item) => item.ConversationId;

    protected override void Committed(IReadOnlyList<HeldTurn> items)
    {
        foreach (var turn in items)
        {
            turn.Phases.Batch = items.Count;
        }
    }

    protected override Task PrepareAsync(IServiceProvider services, IReadOnlyList<HeldTurn> items, CancellationToken ct) =>
        services.GetRequiredService<ConversationDesk>().HoldAllAsync(items, ct);

    protected override Task<Outcome<TurnView>> StageAsync(IServiceProvider services, HeldTurn item, CancellationToken ct) =>
        services.GetRequiredService<ConversationDesk>().StageInBatchAsync(item, ct);
}

/// <summary>A turn that has read and understood its message, waiting for its batch.</summary>
/// <param name="Queued">When it was handed in (<see cref="TimeProvider.GetTimestamp"/>), for the <c>queued</c> phase.</param>
internal sealed record HeldTurn(Guid CustomerId, Guid ConversationId, string ClientId, string Text, bool Button, ConversationDesk.TurnSight Sight,
    Metrics.TurnPhases Phases, long Queued);
