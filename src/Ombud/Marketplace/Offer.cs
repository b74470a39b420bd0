using Ombud.Platform;

namespace Ombud.Marketplace;

/// <summary>
/// A hand-off offered to one agent with a countdown (a durable timer, <see cref="Dispatch.OfferExpiry"/>). The agent
/// accepts or rejects it before it expires; a place has at most one pending offer (a unique index) and at most one
/// accepted offer, whatever the nodes do.
/// </summary>
public sealed class Offer
{
    private Offer()
    {
    }

    public Offer(Guid id, Guid queueEntryId, Guid agentId, DateTime offeredAt, DateTime expiresAt)
    {
        Id = id;
        QueueEntryId = queueEntryId;
        AgentId = agentId;
        OfferedAt = offeredAt;
        ExpiresAt = expiresAt;
        Status = OfferStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid QueueEntryId { get; private set; }

    public Guid AgentId { get; private set; }

    public DateTime OfferedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public OfferStatus Status { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>The surge multiplier when the offer was made, per mille (1000 = none): what the conversation pays at wrap-up.</summary>
    public int SurgePerMille { get; private set; } = Surge.SurgeMultipliers.None;

    /// <summary>Records the surge multiplier of the moment the offer is made; the agent sees it before accepting.</summary>
    public Offer AtSurge(int perMille)
    {
        SurgePerMille = perMille;
        return this;
    }

    public Outcome<Offer> Accept(DateTime at)
    {
        if (Refusal(at) is { } refused)
        {
            return refused;
        }

        Status = OfferStatus.Accepted;
        AnsweredAt = at;
        return this;
    }

    public Outcome<Offer> Reject(DateTime at)
    {
        if (Refusal(at) is { } refused)
        {
            return refused;
        }

        Status = OfferStatus.Rejected;
        AnsweredAt = at;
        return this;
    }

    /// <summary>The countdown ran out; false when the agent answered first.</summary>
    public bool Expire(DateTime at) => End(OfferStatus.Expired, at);

    /// <summary>The conversation went away before the agent answered.</summary>
    public bool Withdraw(DateTime at) => End(OfferStatus.Withdrawn, at);

    private bool End(OfferStatus status, DateTime at)
    {
        if (Status != OfferStatus.Pending)
        {
            return false;
        }

        Status = status;
        AnsweredAt = at;
        return true;
    }

    private Conflict? Refusal(DateTime at) => Status switch
    {
        OfferStatus.Pending when at >= ExpiresAt => new Conflict("This offer has expired; the hand-off went on to the next agent."),
        OfferStatus.Pending => null,
        OfferStatus.Expired => new Conflict("This offer has expired; the hand-off went on to the next agent."),
        OfferStatus.Withdrawn => new Conflict("This offer was withdrawn: the conversation ended before it was answered."),
        _ => new Conflict($"This offer was already {Status.ToString().ToLowerInvariant()}."),
    };
}

public enum OfferStatus
{
    Pending,
    Accepted,
    Rejected,
    Expired,
    Withdrawn,
}
