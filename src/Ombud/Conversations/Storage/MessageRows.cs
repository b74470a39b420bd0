using Ombud.Platform.Storage;
using static Ombud.Platform.Storage.RowColumn;

namespace Ombud.Conversations.Storage;

/// <summary>
/// A message of a conversation already stored, as the row it writes, staged for the unit of work's multi-row insert
/// instead of EF Core's change tracking, which saved each message with a command of its own: the assistant's turn, two
/// messages each, 128 inserts for a batch of 64 turns. The same columns as the EF model; a test holds them to it.
/// </summary>
internal static class MessageRows
{
    public static readonly RowTable Messages = new("conversations_messages",
        Id("ConversationId"), Number("Sequence"), Text("Author"), Text("AuthorId"), Text("AuthorName"), Text("Text"), Instant("At"),
        Text("Language"), Text("ClientMessageId"), NumberOrNull("ReplyToSequence"), RealOrNull("Sentiment"), Text("Why"));

    public static void Stage(this StagedRows rows, ConversationMessage m) =>
        rows.Add(Messages, m.ConversationId, m.Sequence, m.Author.ToString(), m.AuthorId, m.AuthorName, m.Text, m.At, m.Language,
            m.ClientMessageId, m.ReplyToSequence, m.Sentiment, m.Why);
}
