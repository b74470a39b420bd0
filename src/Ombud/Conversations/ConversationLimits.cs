namespace Ombud.Conversations;

/// <summary>What one message may be. A chat message longer than this is a paste, not a question, and would only slow every turn.</summary>
internal static class ConversationLimits
{
    public const int MaxMessageLength = 2_000;

    /// <summary>Room for the reply text, which quotes at most a few orders beyond the shopper's own words.</summary>
    public const int MaxStoredText = 4_000;

    public const int MaxClientMessageId = 100;

    /// <summary>Room for a user id (Identity's are GUID strings).</summary>
    public const int MaxAuthorId = 64;

    /// <summary>An agent's display name, as the marketplace allows it.</summary>
    public const int MaxAuthorName = 100;
}
