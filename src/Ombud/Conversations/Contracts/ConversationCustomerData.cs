using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;

namespace Ombud.Conversations.Contracts;

/// <summary>
/// Conversations' part of a customer's data rights: their conversations with every message and hand-off. Erasure
/// removes the words (messages, summaries, pending questions) and keeps who wrote when, so service figures still add up.
/// </summary>
internal sealed class ConversationCustomerData(OmbudDb db) : ICustomerDataHolder
{
    public string Module => "conversations";

    public async Task<CustomerDataPart> ExportAsync(Guid customerId, CancellationToken ct)
    {
        var conversations = await db.Set<Conversation>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.StartedAt).ToListAsync(ct);
        if (conversations.Count == 0)
        {
            return CustomerDataPart.Empty;
        }

        var ids = conversations.Select(c => c.Id).ToList();
        var messages = await db.Set<ConversationMessage>().AsNoTracking().Where(m => ids.Contains(m.ConversationId))
            .OrderBy(m => m.ConversationId).ThenBy(m => m.Sequence).ToListAsync(ct);
        var handOffs = await db.Set<HandOff>().AsNoTracking().Where(h => h.CustomerId == customerId).OrderBy(h => h.RequestedAt).ToListAsync(ct);
        var sections = new Dictionary<string, object>
        {
            ["conversations"] = conversations,
            ["messages"] = messages,
            ["handOffs"] = handOffs,
        };
        return new CustomerDataPart(sections, new Dictionary<string, byte[]>(),
            [.. ids.Select(id => $"conversation:{id}"), .. handOffs.Select(h => $"handoff:{h.Id}")]);
    }

    public Task<string?> ErasureBlockerAsync(Guid customerId, CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task<ErasedRecords> EraseAsync(CustomerErasureScope scope, CancellationToken ct)
    {
        var conversations = await db.Set<Conversation>().Where(c => c.CustomerId == scope.CustomerId).ToListAsync(ct);
        var ids = conversations.Select(c => c.Id).ToList();
        var handOffs = await db.Set<HandOff>().Where(h => ids.Contains(h.ConversationId)).ToListAsync(ct);
        var count = ConversationText.Remove(conversations, await db.Set<ConversationMessage>().Where(m => ids.Contains(m.ConversationId)).ToListAsync(ct), handOffs);
        return new ErasedRecords(count, [.. ids.Select(id => $"conversation:{id}"), .. handOffs.Select(h => $"handoff:{h.Id}")]);
    }
}

/// <summary>Conversations ended more than <see cref="PrivacyOptions.ConversationDays"/> ago lose their words.</summary>
internal sealed class ConversationRetention(OmbudDb db, IOptions<PrivacyOptions> options) : IRetentionRule
{
    public string Name => "conversations";

    private const int Batch = 20;

    public async Task<RetentionPass> ApplyAsync(DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-options.Value.ConversationDays);
        // A message whose text is already removed is not picked again, so each firing moves on.
        var ids = await db.Set<ConversationMessage>().Where(m => m.Text != CustomerErasureScope.Removed)
            .Join(db.Set<Conversation>().Where(c => c.EndedAt != null && c.EndedAt < cutoff), m => m.ConversationId, c => c.Id, (m, c) => c.Id)
            .Distinct().Take(Batch + 1).ToListAsync(ct);
        var more = ids.Count > Batch;
        ids = [.. ids.Take(Batch)];

        var messages = await db.Set<ConversationMessage>().Where(m => ids.Contains(m.ConversationId)).ToListAsync(ct);
        ConversationText.Remove(await db.Set<Conversation>().Where(c => ids.Contains(c.Id)).ToListAsync(ct), messages,
            await db.Set<HandOff>().Where(h => ids.Contains(h.ConversationId)).ToListAsync(ct));
        return new RetentionPass(messages.Count, more);
    }
}

internal static class ConversationText
{
    public static int Remove(List<Conversation> conversations, List<ConversationMessage> messages, List<HandOff> handOffs)
    {
        conversations.ForEach(c => c.RemoveText());
        messages.ForEach(m => m.RemoveText(CustomerErasureScope.Removed));
        handOffs.ForEach(h => h.RemoveText(CustomerErasureScope.Removed));
        return conversations.Count + messages.Count + handOffs.Count;
    }
}
