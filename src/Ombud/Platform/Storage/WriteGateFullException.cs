namespace Ombud.Platform.Storage;

/// <summary>
/// The write gate's queue for this kind of work is full: the node is overloaded and refused the work before it began,
/// so nothing was changed. Answered 503 with Retry-After over HTTP, and as a refusal to retry on a hub.
/// </summary>
public sealed class WriteGateFullException(int waiting)
    : Exception($"{waiting} writes are already waiting for the database; this one was turned away before it began.")
{
    /// <summary>What the caller is told, over HTTP and on a hub, before when to try again.</summary>
    public const string Advice = "Too many changes are waiting for the database. Nothing was changed: try again";
}
