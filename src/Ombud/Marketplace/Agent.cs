using Ombud.Platform;

namespace Ombud.Marketplace;

/// <summary>
/// A person who answers shoppers: a gig agent or one of the provider's staff. What dispatch needs to know of them is
/// here: the languages they speak, how many conversations they hold at once, whether they are online, and their live
/// load (conversations held and offers pending), which dispatch keeps under <see cref="MaxConversations"/>.
/// </summary>
public sealed class Agent
{
    private Agent()
    {
    }

    public Agent(Guid id, string userId, string displayName, AgentTier tier, IEnumerable<string> languages, int maxConversations,
        Guid? ownCustomerId, DateTime createdAt)
    {
        Id = id;
        UserId = userId;
        DisplayName = displayName;
        Tier = tier;
        Languages = [.. languages.Select(l => l.ToLowerInvariant()).Distinct()];
        MaxConversations = maxConversations;
        OwnCustomerId = ownCustomerId;
        CreatedAt = createdAt;
        IdleSince = createdAt;
        Status = AgentStatus.Offline;
    }

    public Guid Id { get; private set; }

    /// <summary>The Identity user who signs in as this agent; one agent per user.</summary>
    public string UserId { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public AgentTier Tier { get; private set; }

    /// <summary>Two-letter language codes the agent answers in (en, sv, de …).</summary>
    public List<string> Languages { get; private set; } = [];

    /// <summary>The most conversations the agent holds at once; offers pending count against it too.</summary>
    public int MaxConversations { get; private set; }

    /// <summary>From CSAT, 1 to 5, once there is any (later slice); null for an agent nobody rated yet.</summary>
    public double? Rating { get; private set; }

    /// <summary>The customer account of the agent's own, if they are also a shopper: never offered to them.</summary>
    public Guid? OwnCustomerId { get; private set; }

    public AgentStatus Status { get; private set; }

    /// <summary>When the agent was last seen (presence sets it on every heartbeat).</summary>
    public DateTime? LastSeenAt { get; private set; }

    /// <summary>Conversations the agent holds now.</summary>
    public int ActiveConversations { get; private set; }

    /// <summary>Offers waiting for the agent's answer.</summary>
    public int PendingOffers { get; private set; }

    /// <summary>Since when the agent has had nothing new: their last conversation ended, or they came online.</summary>
    public DateTime IdleSince { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Checked on save: two dispatchers (or nodes) changing one agent's load cannot both win.</summary>
    public int Version { get; private set; }

    /// <summary>How many more offers the agent can take now.</summary>
    public int FreeCapacity => Status == AgentStatus.Online ? Math.Max(0, MaxConversations - ActiveConversations - PendingOffers) : 0;

    public void GoOnline(DateTime at)
    {
        if (Status != AgentStatus.Online && ActiveConversations == 0)
        {
            IdleSince = at;
        }

        Status = AgentStatus.Online;
        LastSeenAt = at;
        Version++;
    }

    /// <summary>
    /// A heartbeat: the agent is still at the console. Not a change of load, so it leaves the version alone and never
    /// makes a dispatcher's offer to them run again.
    /// </summary>
    public void Seen(DateTime at) => LastSeenAt = at;

    public void GoAway(DateTime at)
    {
        Status = AgentStatus.Away;
        LastSeenAt = at;
        Version++;
    }

    public void GoOffline(DateTime at)
    {
        Status = AgentStatus.Offline;
        LastSeenAt = at;
        Version++;
    }

    /// <summary>An offer goes out to the agent: it takes one place of their capacity until they answer.</summary>
    public Outcome<Agent> TakeOffer()
    {
        if (FreeCapacity <= 0)
        {
            return new Conflict($"{DisplayName} has no free capacity ({ActiveConversations} conversations, {PendingOffers} offers, at most {MaxConversations}).");
        }

        PendingOffers++;
        Version++;
        return this;
    }

    /// <summary>The agent answered an offer (or it expired or was withdrawn); accepted, it becomes a conversation they hold.</summary>
    public void OfferSettled(bool accepted)
    {
        PendingOffers = Math.Max(0, PendingOffers - 1);
        if (accepted)
        {
            ActiveConversations++;
        }

        Version++;
    }

    /// <summary>A conversation the agent held ended (or was handed back): a place is free again.</summary>
    public void ConversationEnded(DateTime at)
    {
        ActiveConversations = Math.Max(0, ActiveConversations - 1);
        if (ActiveConversations == 0)
        {
            IdleSince = at;
        }

        Version++;
    }

    public void Rate(double rating) => Rating = Math.Clamp(rating, 1, 5);
}

/// <summary>How far an agent has come; staff are the provider's own people, who take what nobody else fits.</summary>
public enum AgentTier
{
    Trainee,
    Pro,
    Specialist,
    Staff,
}

public enum AgentStatus
{
    Offline,
    Online,
    Away,
}
