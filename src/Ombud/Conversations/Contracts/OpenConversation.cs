using Ombud.Platform;

namespace Ombud.Conversations.Contracts;

/// <summary>
/// A conversation a writer holds inside its unit of work, found by <see cref="ConversationService.OpenAsync"/> and (on
/// PostgreSQL) locked until that unit of work commits: what a writer reads of it and the changes it may make, without
/// reaching the entity. Writers of one conversation take turns, and each sees what the one before wrote.
/// </summary>
public sealed class OpenConversation
{
    private readonly Conversation _conversation;
    private readonly ConversationService _service;

    internal OpenConversation(Conversation conversation, ConversationService service, bool inBatch)
    {
        _conversation = conversation;
        _service = service;
        InBatch = inBatch;
    }

    public Guid Id => _conversation.Id;

    public Guid CustomerId => _conversation.CustomerId;

    public ConversationState State => _conversation.State;

    public string Language => _conversation.Language;

    public ConversationHolder Holder => _conversation.Holder;

    /// <summary>True while a person holds the conversation or it waits for one.</summary>
    public bool IsWithPeople => _conversation.IsWithPeople;

    /// <summary>The assistant's open question (its own JSON), asked in an earlier turn and waiting for an answer.</summary>
    public string? PendingQuestion => _conversation.PendingQuestion;

    /// <summary>How many messages in a row the assistant did not understand.</summary>
    public int FailedUnderstandings => _conversation.FailedUnderstandings;

    /// <summary>Changes with every message and every change of holder: equal to a <see cref="ConversationGlance"/>'s, nothing was written since.</summary>
    public int Version => _conversation.Version;

    internal Conversation Entity => _conversation;

    /// <summary>Held with others for one unit of work (<see cref="ConversationService.OpenManyAsync"/>): its messages are staged rows.</summary>
    internal bool InBatch { get; }

    public void Speak(string language) => _conversation.Speak(language);

    public void Ask(string? question) => _conversation.Ask(question);

    public void Understood() => _conversation.Understood();

    public void NotUnderstood() => _conversation.NotUnderstood();

    /// <summary>Stages the next message; refused when the conversation has ended or the author may not write now.</summary>
    public Outcome<TranscriptMessage> Write(MessageDraft draft) => _service.Write(this, draft);
}

/// <summary>
/// A conversation as it stood when read without a lock (<see cref="ConversationService.GlanceAsync"/>): what a writer
/// prepares its turn from before it queues to write, and checks against <see cref="OpenConversation.Version"/> after.
/// </summary>
public sealed record ConversationGlance(Guid Id, ConversationState State, string Language, int Version);

/// <summary>Where a conversation stands after a change: open or ended, and who holds it.</summary>
public sealed record ConversationStanding(Guid Id, ConversationState State, ConversationHolder Holder, string? AgentId);
