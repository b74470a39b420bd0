namespace Ombud.Platform.Storage;

/// <summary>
/// Tells this node's background workers that a unit of work committed queued work (an event's deliveries, a timer), so they look at
/// once instead of waiting for its next poll. Other nodes still find them by polling.
/// </summary>
public sealed class CommitSignal
{
    public event Action? Committed;

    internal void Raise() => Committed?.Invoke();
}
