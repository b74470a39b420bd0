using Ombud.Platform;

namespace Ombud.Conversations;

/// <summary>
/// One conversation with a shopper, shared by the assistant and the people who take over from it. Everything the next
/// turn needs is stored here, not in a node's memory, so a conversation goes on after a restart, on any node, in any
/// browser tab. It knows who holds it now (<see cref="Holder"/>); who may write into it follows from that.
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
        Holder = ConversationHolder.Assistant;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>The language the conversation is answered in: en, sv or de, following what the shopper writes.</summary>
    public string Language { get; private set; } = "en";

    public ConversationState State { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime LastActivityAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    /// <summary>How many messages the conversation holds; the next one gets this number plus one.</summary>
    public int MessageCount { get; private set; }

    /// <summary>Who answers the shopper now: the assistant, nobody yet (waiting in the queue), or an agent.</summary>
    public ConversationHolder Holder { get; private set; }

    /// <summary>The agent's user id while <see cref="Holder"/> is <see cref="ConversationHolder.Agent"/>.</summary>
    public string? AgentId { get; private set; }

    /// <summary>The latest hand-off to a person, once there has been one.</summary>
    public Guid? HandOffId { get; private set; }

    /// <summary>The assistant's memory: turns in a row it did not understand; the second hands off.</summary>
    public int FailedUnderstandings { get; private set; }

    /// <summary>The assistant's memory: the question it asked and waits an answer to, as JSON.</summary>
    public string? PendingQuestion { get; private set; }

    /// <summary>Checked on save: two writers racing on one conversation cannot both write the same state.</summary>
    public int Version { get; private set; }

    /// <summary>True while a person holds the conversation or it waits for one.</summary>
    public bool IsWithPeople => Holder != ConversationHolder.Assistant;

    /// <summary>
    /// Adds a message as the next in order. An ended conversation takes none, and an agent writes only while they hold
    /// the conversation; the assistant never speaks over a person.
    /// </summary>
    public Outcome<ConversationMessage> Write(MessageDraft draft, DateTime at)
    {
        if (State == ConversationState.Ended)
        {
            return new Conflict("This conversation has ended; start a new one.");
        }

        if (draft.Author == MessageAuthor.Agent && (Holder != ConversationHolder.Agent || AgentId != draft.AuthorId))
        {
            return new Conflict(Holder == ConversationHolder.Agent
                ? "Another agent holds this conversation."
                : $"Only the agent holding a conversation writes in it ({Describe(Holder)}).");
        }

        if (draft.Author == MessageAuthor.Assistant && Holder == ConversationHolder.Agent)
        {
            return new Conflict("An agent holds this conversation; the assistant stays silent.");
        }

        LastActivityAt = at;
        Version++;
        return new ConversationMessage(Id, ++MessageCount, draft, at);
    }

    public void Speak(string language) => Language = language;

    public void Understood() => FailedUnderstandings = 0;

    public void NotUnderstood() => FailedUnderstandings++;

    public void Ask(string? question) => PendingQuestion = question;

    /// <summary>The assistant passes the conversation to the queue of people.</summary>
    public Outcome<Conversation> HandOver(Guid handOffId)
    {
        if (State == ConversationState.Ended)
        {
            return new Conflict("This conversation has ended; it cannot be handed to a person.");
        }

        if (Holder != ConversationHolder.Assistant)
        {
            return new Conflict($"This conversation is already {Describe(Holder)}.");
        }

        Holder = ConversationHolder.Queue;
        HandOffId = handOffId;
        Version++;
        return this;
    }

    /// <summary>An agent takes the conversation from the queue and answers from now on.</summary>
    public Outcome<Conversation> AssignTo(string agentId)
    {
        if (State == ConversationState.Ended)
        {
            return new Conflict("This conversation has ended.");
        }

        if (Holder != ConversationHolder.Queue)
        {
            return new Conflict($"Only a conversation waiting for a person can be taken; this one is {Describe(Holder)}.");
        }

        Holder = ConversationHolder.Agent;
        AgentId = agentId;
        Version++;
        return this;
    }

    /// <summary>The person (or the queue) gives the conversation back to the assistant.</summary>
    public Outcome<Conversation> HandBack()
    {
        if (Holder == ConversationHolder.Assistant)
        {
            return new Conflict("The assistant already holds this conversation.");
        }

        Holder = ConversationHolder.Assistant;
        AgentId = null;
        FailedUnderstandings = 0;
        PendingQuestion = null;
        Version++;
        return this;
    }

    /// <summary>
    /// Erasure or retention: a pending clarifying question quotes the shopper. Its messages lose their words in the same
    /// unit of work, so the version moves on: a writer holding words it read before (a kept glance,
    /// <see cref="ConversationGlances"/>) reads them again.
    /// </summary>
    internal void RemoveText()
    {
        PendingQuestion = null;
        Version++;
    }

    /// <summary>Ends the conversation; false when it had already ended.</summary>
    public bool End(DateTime at)
    {
        if (State == ConversationState.Ended)
        {
            return false;
        }

        State = ConversationState.Ended;
        EndedAt = at;
        Version++;
        return true;
    }

    private static string Describe(ConversationHolder holder) => holder switch
    {
        ConversationHolder.Assistant => "with the assistant",
        ConversationHolder.Queue => "waiting for a person",
        _ => "with an agent",
    };
}

public enum ConversationState
{
    Open,
    Ended,
}

/// <summary>Who answers the shopper now.</summary>
public enum ConversationHolder
{
    Assistant,

    /// <summary>Handed off: waiting in the queue for a person.</summary>
    Queue,
    Agent,
}
