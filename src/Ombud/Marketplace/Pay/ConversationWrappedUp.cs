namespace Ombud.Marketplace.Pay;

/// <summary>
/// An agent wrapped up a conversation they held, with how it ended: published in the wrap-up's own unit of work, so
/// pay and the QA sample learn of every wrap-up, and of none that was not stored.
/// </summary>
public sealed record ConversationWrappedUp(
    Guid ConversationId, Guid QueueEntryId, Guid AgentId, Guid CustomerId, Skill Skill, string Reason, ResolutionCode Resolution, DateTime AssignedAt,
    DateTime WrappedUpAt)
{
    public const string Type = "marketplace.conversation-wrapped-up";

    public const int CurrentVersion = 1;

    public int Version => CurrentVersion;
}
