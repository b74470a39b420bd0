using Microsoft.Extensions.DependencyInjection.Extensions;

using Ombud.Platform.Storage;

namespace Ombud.Platform.Timers;

/// <summary>
/// "Do <see cref="Kind"/> for entity <see cref="EntityId"/> at <see cref="FireAt"/>", stored as data so it survives
/// restarts and any node may fire it. One timer per kind and entity: scheduling again moves it. Fired once: the
/// timer is deleted in the same transaction as what its handler did.
/// </summary>
public sealed class DurableTimer : QueuedWorkItem
{
    /// <summary>The lease of a row <see cref="TimerSchedule"/> has inserted and not yet set (a set timer's lease is 1 or more).</summary>
    internal const int Reserved = 0;

    private DurableTimer()
    {
    }

    internal DurableTimer(string kind, string entityId, DateTime fireAt, DateTime now)
    {
        Kind = kind;
        EntityId = entityId;
        CreatedAt = now;
        Move(fireAt);
    }

    /// <summary>What to do, e.g. <c>disputes.merchant-deadline</c>; a handler is registered per kind.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>Whom to do it for, as the owning module writes its id.</summary>
    public string EntityId { get; private set; } = "";

    /// <summary>When it was asked to fire; <see cref="QueuedWorkItem.DueAt"/> is when a node may next take it (a retry, a lease's end).</summary>
    public DateTime FireAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Schedules it anew; a node firing the old schedule loses its lease and commits nothing.</summary>
    internal void Move(DateTime fireAt)
    {
        FireAt = fireAt;
        DueAt = fireAt;
        Status = WorkStatus.Pending;
        Attempts = 0;
        LastError = null;
        Lease++;
    }
}

/// <summary>A timer as its handler sees it.</summary>
public sealed record DueTimer(string Kind, string EntityId, DateTime FireAt, int Attempts)
{
    public Guid EntityGuid => Guid.Parse(EntityId);

    /// <summary>The claim it fired under; <see cref="TimerSchedule.CompleteAsync"/> checks it.</summary>
    public int Lease { get; init; }
}

/// <summary>
/// What a module does when its timer fires. Runs inside a unit of work with the timer's deletion unless registered
/// as sending outside one (<see cref="TimerKind.Commit"/>). Returns true when it did something, false when
/// there was nothing left to do (the entity moved on). An exception retries with backoff, then dead-letters.
/// </summary>
public interface ITimerHandler
{
    Task<bool> FireAsync(DueTimer timer, CancellationToken ct);
}

/// <summary>A registered timer kind and its handler.</summary>
/// <param name="Commit">
/// <see cref="WorkCommit.Batched"/> by default; <see cref="WorkCommit.Alone"/> for a timer a person waits on (an expired
/// offer going to the next agent); <see cref="WorkCommit.Outside"/> for a handler that must not hold a transaction while
/// it works (an HTTP call): it then finishes the timer itself, with <see cref="TimerSchedule.Complete"/> in its own unit of work.
/// </param>
public sealed record TimerKind(string Kind, Type Handler, WorkCommit Commit)
{
    public bool InUnitOfWork => Commit != WorkCommit.Outside;
}

public static class TimerSetup
{
    /// <summary>The one way to give a timer kind a handler: <c>services.AddTimer&lt;OfferExpiry&gt;("marketplace.offer-expiry")</c>.</summary>
    public static IServiceCollection AddTimer<THandler>(this IServiceCollection services, string kind, WorkCommit commit = WorkCommit.Batched)
        where THandler : class, ITimerHandler
    {
        services.TryAddScoped<THandler>();
        return services.AddSingleton(new TimerKind(kind, typeof(THandler), commit));
    }
}
