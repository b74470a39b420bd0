using Microsoft.EntityFrameworkCore;
using Ombud.Platform.StaffDesk;
using Ombud.Platform.Storage;

namespace Ombud.Conversations.Contracts;

/// <summary>
/// Conversations' share of the staff desk's customer view: the customer's conversations, newest first, each with its
/// messages and hand-offs. Read-only; the page and the API (<see cref="ICustomerViewPart"/>) show the same.
/// </summary>
public sealed class CustomerConversations(OmbudDb db) : ICustomerViewPart
{
    /// <summary>Conversations shown at once, newest first.</summary>
    public const int Limit = 50;

    public async Task<IReadOnlyList<CustomerConversation>> OfCustomerAsync(Guid customerId, CancellationToken ct)
    {
        var conversations = await db.Set<Conversation>().AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.StartedAt).Take(Limit).ToListAsync(ct);
        var ids = conversations.Select(c => c.Id).ToList();
        var messages = (await db.Set<ConversationMessage>().AsNoTracking().Where(m => ids.Contains(m.ConversationId)).ToListAsync(ct))
            .ToLookup(m => m.ConversationId);
        var handOffs = (await db.Set<HandOff>().AsNoTracking().Where(h => ids.Contains(h.ConversationId)).ToListAsync(ct))
            .ToLookup(h => h.ConversationId);
        return [.. conversations.Select(c => new CustomerConversation(
            c.Id, c.State, c.Holder, c.Language, c.StartedAt, c.LastActivityAt, c.EndedAt,
            [.. messages[c.Id].OrderBy(m => m.Sequence).Select(m => new CustomerConversationMessage(m.Sequence, m.Author, m.AuthorName, m.Text, m.At))],
            [.. handOffs[c.Id].OrderBy(h => h.RequestedAt).Select(h => new CustomerHandOff(h.Id, h.Reason, h.Status, h.RequestedAt))]))];
    }

    public async Task<IReadOnlyDictionary<string, object>?> ReadAsync(Guid customerId, CancellationToken ct) =>
        await OfCustomerAsync(customerId, ct) is { Count: > 0 } found ? new Dictionary<string, object> { ["conversations"] = found } : null;
}

/// <summary>One of a customer's conversations as staff read it.</summary>
public sealed record CustomerConversation(
    Guid Id,
    ConversationState State,
    ConversationHolder Holder,
    string Language,
    DateTime StartedAt,
    DateTime LastActivityAt,
    DateTime? EndedAt,
    IReadOnlyList<CustomerConversationMessage> Messages,
    IReadOnlyList<CustomerHandOff> HandOffs);

/// <summary>A message; <see cref="AuthorName"/> is the name a person wrote under (an agent's first name), null for the shopper and assistant.</summary>
public sealed record CustomerConversationMessage(int Sequence, MessageAuthor Author, string? AuthorName, string Text, DateTime At);

public sealed record CustomerHandOff(Guid Id, HandOffReason Reason, HandOffStatus Status, DateTime RequestedAt);
