namespace Ombud.Assistant.Conversations;

/// <summary>
/// One chat between a shopper and the assistant (and, after a hand-off, a person). Everything the next turn needs is
/// stored here, not in a node's memory, so a conversation goes on after a restart, on any node, in any browser tab.
/// </summary>
public sealed class Conversation
{
    private Conversation()
    {
    }

    public Conversation(Guid id, Guid customerId, string language, DateTime startedAt)
    {
        Id = id;
        CustomerId = customerId;
        Language = language;
        StartedAt = startedAt;
        LastActivityAt = startedAt;
        State = ConversationState.Open;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>The language the assistant answers in: en, sv or de, following what the shopper writes.</summary>
    public string Language { get; private set; } = "en";

    public ConversationState State { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime LastActivityAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    /// <summary>How many messages the conversation holds; the next one gets this number plus one.</summary>
    public int MessageCount { get; private set; }

    /// <summary>Turns in a row the assistant did not understand; the second hands off.</summary>
    public int FailedUnderstandings { get; private set; }

    /// <summary>The question the assistant asked and waits an answer to (which order? which tracking number?), as JSON.</summary>
    public string? PendingQuestion { get; private set; }

    /// <summary>Set once the conversation waits for, or is with, a person.</summary>
    public Guid? HandOffId { get; private set; }

    /// <summary>Checked on save: two turns racing on one conversation cannot both write the same state.</summary>
    public int Version { get; private set; }

    public bool IsHandedOff => HandOffId is not null;

    public int NextSequence() => ++MessageCount;

    public void Touch(DateTime at, string language)
    {
        LastActivityAt = at;
        Language = language;
        Version++;
    }

    public void Understood() => FailedUnderstandings = 0;

    public void NotUnderstood() => FailedUnderstandings++;

    public void Ask(string? question) => PendingQuestion = question;

    public void HandOver(Guid handOffId) => HandOffId ??= handOffId;

    public void End(DateTime at)
    {
        if (State == ConversationState.Ended)
        {
            return;
        }

        State = ConversationState.Ended;
        EndedAt = at;
        Version++;
    }
}

public enum ConversationState
{
    Open,
    Ended,
}
