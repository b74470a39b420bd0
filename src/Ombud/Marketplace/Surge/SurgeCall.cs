namespace Ombud.Marketplace.Surge;

/// <summary>
/// An agent's choice "call me when it surges", and when they were last called: an opted-in agent who is offline gets
/// at most one e-mail in <see cref="SurgeOptions.CallEveryHours"/>. No row, or opted out: never called.
/// </summary>
public sealed class SurgeCall
{
    private SurgeCall()
    {
    }

    public SurgeCall(Guid agentId, bool optedIn, DateTime at)
    {
        AgentId = agentId;
        OptedIn = optedIn;
        ChangedAt = at;
    }

    public Guid AgentId { get; private set; }

    public bool OptedIn { get; private set; }

    public DateTime ChangedAt { get; private set; }

    public DateTime? LastCalledAt { get; private set; }

    public void Choose(bool optedIn, DateTime at)
    {
        OptedIn = optedIn;
        ChangedAt = at;
    }

    /// <summary>Whether the agent may be called now: opted in, and not called within <paramref name="every"/>.</summary>
    public bool MayCall(DateTime now, TimeSpan every) => OptedIn && (LastCalledAt is not { } last || now - last >= every);

    public void Called(DateTime at) => LastCalledAt = at;
}
