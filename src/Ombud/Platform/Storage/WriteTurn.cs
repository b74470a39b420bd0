namespace Ombud.Platform.Storage;

/// <summary>
/// How a scope's units of work queue at the <see cref="WriteGate"/> (SQLite): in which lane, and whether a full lane
/// may turn them away. Set where the work comes in (an HTTP request, a hub call, a background pass, the agent console),
/// read by <see cref="UnitOfWork"/>.
/// </summary>
public sealed class WriteTurn
{
    public WriteLane Lane { get; set; } = WriteLane.Requests;

    /// <summary>
    /// A caller that can be told "busy, try again" (an HTTP client, a hub client) rather than one that must wait (a
    /// page's circuit, background work). Only until the scope first commits: a refusal must mean nothing was changed.
    /// </summary>
    public bool MayBeTurnedAway { get; set; }
}
