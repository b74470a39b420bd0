using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Presence;

/// <summary>
/// One change of an agent's status (online, away, offline) and when: the presence history that the hourly floor reads
/// to know how long an agent was online and available on a day.
/// </summary>
public sealed class PresenceChange
{
    private PresenceChange()
    {
    }

    public PresenceChange(Guid agentId, AgentStatus status, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        AgentId = agentId;
        Status = status;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid AgentId { get; private set; }

    public AgentStatus Status { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>Writes the change into the history when the status did change (a second "online" is not a change).</summary>
    public static void Note(OmbudDb db, Agent agent, AgentStatus before, DateTime at)
    {
        if (agent.Status != before)
        {
            db.Add(new PresenceChange(agent.Id, agent.Status, at));
        }
    }
}
