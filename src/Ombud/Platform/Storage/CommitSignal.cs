using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Ombud.Platform.Storage;

/// <summary>
/// Tells this node's background loops that a unit of work committed queued work that is due now (an event's
/// deliveries, a timer due at once), naming the kind of work, so only the loop that has something to do looks at
/// once instead of waiting for its next poll. Other nodes still find the work by polling.
/// </summary>
/// <remarks>
/// A commit that queued nothing due (a claim pushing rows to the end of their lease, a delivery marked done, a timer
/// set for later) wakes nobody: a wake-up that finds nothing costs an idle query on the hot paths.
/// </remarks>
public sealed class CommitSignal
{
    /// <summary>Raised after a commit with the <see cref="IQueuedWork"/> type that has rows due now.</summary>
    public event Action<Type>? Queued;

    /// <summary>Raised when every kind of work may have fallen due at once (the demo clock moved).</summary>
    public event Action? Everything;

    internal void Raise(IEnumerable<Type> kinds)
    {
        foreach (var kind in kinds)
        {
            Queued?.Invoke(kind);
        }
    }

    internal void RaiseEverything() => Everything?.Invoke();

    /// <summary>
    /// The kinds of queued work that <paramref name="tracker"/> is about to save as due by <paramref name="now"/>:
    /// added or changed rows still pending. Adds them to <paramref name="kinds"/>.
    /// </summary>
    internal static void CollectDue(ChangeTracker tracker, DateTime now, ISet<Type> kinds)
    {
        foreach (var entry in tracker.Entries<IQueuedWork>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity is { Status: WorkStatus.Pending } work && work.DueAt <= now)
            {
                kinds.Add(entry.Entity.GetType());
            }
        }
    }
}
