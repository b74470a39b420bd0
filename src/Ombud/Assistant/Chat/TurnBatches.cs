using Microsoft.Extensions.Options;
using Ombud.Conversations;
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
    : GroupCommit<DeskWrite, TurnView>(scopes, log, database.IsSqlite ? 1 : options.Value.BatchWriters)
{
    /// <summary>
    /// True when turns go to batches: the node runs them (a one-shot command does not) and they are not turned off
    /// (<see cref="AssistantOptions.BatchTurns"/>, on unless set to false).
    /// </summary>
    public bool Take => IsRunning && options.Value.BatchTurns;

    /// <summary>Stores the turn with the next batch; answers once that batch has committed.</summary>
    public Task<Outcome<TurnView>> TakeAsync(HeldTurn turn) => WithNextCommitAsync(turn);

    /// <summary>
    /// Starts the conversation with the next batch of turns, in the same transaction as theirs, rather than in a unit of
    /// work (on SQLite, a turn at the write gate) of its own; answers its id once that batch has committed.
    /// </summary>
    public async Task<Outcome<Guid>> StartAsync(HeldStart start)
    {
        var started = await WithNextCommitAsync(start);
        return started.Succeeded ? start.ConversationId : started.Error!;
    }

    protected override string Subject => ConversationDesk.Subject;

    protected override object? KeyOf(DeskWrite item) => item.ConversationId;

    protected override void Committed(IReadOnlyList<DeskWrite> items)
    {
        foreach (var turn in items.OfType<HeldTurn>())
        {
            turn.Phases.Batch = items.Count;
        }
    }

    protected override Task PrepareAsync(IServiceProvider services, IReadOnlyList<DeskWrite> items, CancellationToken ct) =>
        items.OfType<HeldTurn>().ToList() is { Count: > 0 } turns
            ? services.GetRequiredService<ConversationDesk>().HoldAllAsync(turns, ct)
            : Task.CompletedTask;

    protected override async Task<Outcome<TurnView>> StageAsync(IServiceProvider services, DeskWrite item, CancellationToken ct)
    {
        if (item is HeldTurn turn)
        {
            return await services.GetRequiredService<ConversationDesk>().StageInBatchAsync(turn, ct);
        }

        var start = (HeldStart)item;
        var started = await services.GetRequiredService<ConversationService>().StartAsync(start.ConversationId, start.CustomerId, start.Language,
            start.Opening, ct);
        // A start has no turn to answer with: its caller hears the id it handed in (StartAsync), once committed.
        return started.Succeeded ? default(Outcome<TurnView>) : started.Error!;
    }
}

/// <summary>What the desk hands to a batch (<see cref="TurnBatches"/>): a turn or a conversation's start, keyed by the conversation.</summary>
internal abstract record DeskWrite(Guid ConversationId);

/// <summary>A turn that has read and understood its message, waiting for its batch.</summary>
/// <param name="Queued">When it was handed in (<see cref="TimeProvider.GetTimestamp"/>), for the <c>queued</c> phase.</param>
internal sealed record HeldTurn(Guid CustomerId, Guid ConversationId, string ClientId, string Text, bool Button, ConversationDesk.TurnSight Sight,
    Metrics.TurnPhases Phases, long Queued) : DeskWrite(ConversationId);

/// <summary>A new conversation waiting for its batch, under the id chosen for it, with its opening message in its language.</summary>
internal sealed record HeldStart(Guid ConversationId, Guid CustomerId, string Language, Func<string, MessageDraft> Opening) : DeskWrite(ConversationId);
