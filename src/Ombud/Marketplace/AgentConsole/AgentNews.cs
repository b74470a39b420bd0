using Ombud.Platform.Realtime;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.AgentConsole;

/// <summary>
/// "Your desk changed" for one agent's consoles on every node: an offer made, answered, expired or withdrawn, a status
/// or a load that moved. Like conversation news it goes through <see cref="LiveChannel"/> (Redis pub/sub across
/// nodes), is told only after the change committed, and carries nothing but the agent's id: each console re-reads
/// its desk, so a lost notice costs freshness, never an offer.
/// </summary>
public sealed class AgentNews(LiveChannel channel)
{
    public IDisposable Follow(Guid agentId, Func<Task> hear) => channel.Subscribe(Topic(agentId), _ => hear());

    /// <summary>Tells the agent's consoles once <paramref name="work"/> has committed.</summary>
    public void AfterCommit(UnitOfWork work, Guid agentId) => work.AfterCommit(() => channel.PublishAsync(Topic(agentId), "desk"));

    private static string Topic(Guid agentId) => $"agent:{agentId}";
}
