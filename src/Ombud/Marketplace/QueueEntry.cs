using Ombud.Platform;

namespace Ombud.Marketplace;

/// <summary>
/// A shopper's place in the marketplace queue: one per hand-off that waits for a person, and at most one per shopper
/// while it waits (a second hand-off of the same shopper takes over this place, keeping its time). It moves
/// Waiting → Offered (one offer at a time) → Waiting again on a rejection or timeout … → Assigned → Finished; or
/// Withdrawn when the conversation ends before anyone took it.
/// </summary>
public sealed class QueueEntry
{
    private QueueEntry()
    {
    }

    public QueueEntry(Guid id, Guid conversationId, Guid handOffId, Guid customerId, Skill skill, string language, string reason,
        HandOffUrgency urgency, DateTime enqueuedAt)
    {
        Id = id;
        ConversationId = conversationId;
        HandOffId = handOffId;
        CustomerId = customerId;
        Skill = skill;
        Language = language;
        Reason = reason;
        Urgency = urgency;
        EnqueuedAt = enqueuedAt;
        Status = QueueEntryStatus.Waiting;
    }

    public Guid Id { get; private set; }

    /// <summary>The conversation a person will take; the latest one when the shopper handed off again while waiting.</summary>
    public Guid ConversationId { get; private set; }

    public Guid HandOffId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Skill Skill { get; private set; }

    public string Language { get; private set; } = "en";

    /// <summary>Why the conversation was handed off, as Conversations named it (Requested, FraudClaim …).</summary>
    public string Reason { get; private set; } = "";

    public HandOffUrgency Urgency { get; private set; }

    /// <summary>The shopper's place: when they first asked; kept when a later hand-off joins it.</summary>
    public DateTime EnqueuedAt { get; private set; }

    public QueueEntryStatus Status { get; private set; }

    /// <summary>The offer out now, while <see cref="Status"/> is Offered.</summary>
    public Guid? OfferId { get; private set; }

    /// <summary>The agent who took it, once assigned.</summary>
    public Guid? AgentId { get; private set; }

    public DateTime? AssignedAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    /// <summary>When the person who took it first wrote to the shopper: the end of the shopper's wait for a person.</summary>
    public DateTime? FirstReplyAt { get; private set; }

    /// <summary>How the agent closed it at wrap-up; null while open, and when it went back to the assistant.</summary>
    public ResolutionCode? Resolution { get; private set; }

    /// <summary>Checked on save: two dispatchers cannot both offer, or both assign, the same place.</summary>
    public int Version { get; private set; }

    public bool IsOpen => Status is QueueEntryStatus.Waiting or QueueEntryStatus.Offered;

    /// <summary>A later hand-off of the same shopper takes this place: the newer conversation, the more urgent needs of both.</summary>
    public void Join(Guid conversationId, Guid handOffId, Skill skill, string language, string reason, HandOffUrgency urgency)
    {
        ConversationId = conversationId;
        HandOffId = handOffId;
        Language = language;
        Urgency |= urgency;
        // The more specialised need wins: a fraud claim or a vulnerable shopper outranks a payment question.
        if (skill > Skill)
        {
            Skill = skill;
            Reason = reason;
        }

        Version++;
    }

    public Outcome<QueueEntry> Offer(Guid offerId)
    {
        if (Status != QueueEntryStatus.Waiting)
        {
            return new Conflict($"This hand-off is not waiting for an offer (it is {Status}).");
        }

        Status = QueueEntryStatus.Offered;
        OfferId = offerId;
        Version++;
        return this;
    }

    /// <summary>The offer out was rejected, expired or withdrawn: the place waits for the next candidate.</summary>
    public void OfferEnded(Guid offerId)
    {
        if (Status == QueueEntryStatus.Offered && OfferId == offerId)
        {
            Status = QueueEntryStatus.Waiting;
            OfferId = null;
            Version++;
        }
    }

    public Outcome<QueueEntry> Assign(Guid offerId, Guid agentId, DateTime at)
    {
        if (Status != QueueEntryStatus.Offered || OfferId != offerId)
        {
            return new Conflict($"This hand-off is no longer offered to you (it is {Status}).");
        }

        Status = QueueEntryStatus.Assigned;
        AgentId = agentId;
        AssignedAt = at;
        Version++;
        return this;
    }

    /// <summary>The conversation ended, or was given back, before anyone took it.</summary>
    /// <summary>The agent wrote to the shopper: how long the shopper waited for it when it is the first reply, otherwise null.</summary>
    public TimeSpan? Answered(DateTime at)
    {
        if (FirstReplyAt is not null)
        {
            return null;
        }

        FirstReplyAt = at;
        return at - EnqueuedAt;
    }

    public void Withdraw(DateTime at)
    {
        Status = QueueEntryStatus.Withdrawn;
        OfferId = null;
        EndedAt = at;
        Version++;
    }

    /// <summary>The agent closed the conversation with how it ended; only the agent it is assigned to, and only once.</summary>
    public Outcome<QueueEntry> WrapUp(Guid agentId, ResolutionCode resolution, DateTime at)
    {
        if (Status != QueueEntryStatus.Assigned || AgentId != agentId)
        {
            return new Conflict("Only the agent holding a conversation wraps it up.");
        }

        Resolution = resolution;
        Finish(at);
        return this;
    }

    /// <summary>The agent's conversation ended.</summary>
    public void Finish(DateTime at)
    {
        Status = QueueEntryStatus.Finished;
        EndedAt = at;
        Version++;
    }
}

public enum QueueEntryStatus
{
    Waiting,
    Offered,
    Assigned,
    Finished,
    Withdrawn,
}

/// <summary>Why a hand-off goes ahead of others in the queue (see <see cref="Dispatch.DispatchRules.Urgency"/>).</summary>
[Flags]
public enum HandOffUrgency
{
    None = 0,
    Vulnerable = 1,
    Fraud = 2,

    /// <summary>The shopper has an open dispute, whose regulatory clocks are running.</summary>
    RegulatoryClock = 4,

    /// <summary>Anger, or a large amount at stake.</summary>
    Upset = 8,
}

/// <summary>How an agent's conversation ended, chosen at wrap-up.</summary>
public enum ResolutionCode
{
    Answered,
    PlanAdjusted,
    RefundAgreed,
    DisputeOpened,
    Escalated,
    NoResponse,
}
