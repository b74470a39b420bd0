using Ombud.Platform.Storage;
using static Ombud.Platform.Storage.RowColumn;

namespace Ombud.Conversations.Storage;

/// <summary>
/// A conversation a batch of turns holds, as the update its row gets (<see cref="StagedRows.Update{TEntity}"/>) instead of
/// EF Core's change tracking, which updated each with a command of its own: 64 for a batch of 64 turns. Every column a
/// writer may change is written from the conversation as it stands at the flush, so a hand-off in the turn (holder,
/// hand-off, version) is carried with the turn's own changes; the version is checked as EF's concurrency token is. Each
/// column's value is its property's, found by the EF model's mapping; a test holds the columns to the model.
/// </summary>
internal static class ConversationRows
{
    public static readonly RowUpdate Conversations = new("conversations_conversations", Id("Id"), Number("Version"),
        Text("Language"), Text("State"), Instant("LastActivityAt"), InstantOrNull("EndedAt"), Number("MessageCount"), Text("Holder"),
        Text("AgentId"), IdOrNull("HandOffId"), Number("FailedUnderstandings"), Text("PendingQuestion"));

    /// <summary>The columns no writer changes once the conversation is stored, so the update leaves them out.</summary>
    public static readonly IReadOnlySet<string> Fixed = new HashSet<string> { "CustomerId", "StartedAt" };

    /// <summary>Stages the conversation's update, written at the flush if the unit of work changed it by then.</summary>
    public static void StageChanges(this StagedRows rows, Conversation conversation) => rows.Update(Conversations, conversation);
}
