namespace Ombud.Conversations.Contracts;

/// <summary>
/// A conversation was handed to a person and waits in the queue: published in the hand-off's own unit of work, so
/// whoever takes hand-offs (the agent marketplace) learns of every one and of none that was not stored.
/// <see cref="Intent"/> (what the shopper wanted, as the assistant last understood it) came later: an optional field,
/// so payloads without it still read.
/// </summary>
public sealed record ConversationHandedOff(
    Guid ConversationId, Guid HandOffId, Guid CustomerId, string Reason, int Priority, string Language, DateTime RequestedAt, string? Intent = null)
{
    public const string Type = "conversation.handed-off";

    /// <summary>The payload's shape; a change a consumer could trip over gets a new version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Written into the payload, so a consumer reads the version of what it got.</summary>
    public int Version => CurrentVersion;
}

/// <summary>A conversation ended: nobody will write in it again.</summary>
public sealed record ConversationClosed(Guid ConversationId, Guid CustomerId, ConversationHolder HeldBy, Guid? HandOffId, DateTime ClosedAt)
{
    public const string Type = "conversation.closed";

    public const int CurrentVersion = 1;

    public int Version => CurrentVersion;
}
