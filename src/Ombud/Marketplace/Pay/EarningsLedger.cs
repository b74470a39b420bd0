using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// Writes the agents' earnings ledger: a wrapped-up conversation's pay (base + complexity by the skill it needed +
/// surge), and a five-star CSAT's bonus. It stages into the caller's unit of work; an entry already there for the same
/// source is left alone (the unique <see cref="EarningsEntry.SourceKey"/> holds also when two nodes race).
/// </summary>
internal sealed class EarningsLedger(OmbudDb db, IOptions<PayOptions> options)
{
    /// <summary>Surge (issue 9 item 5) is not built yet: every conversation is paid at multiplier 1 and says so.</summary>
    public const int NoSurgePerMille = 1000;

    private MarketPay Pay => options.Value.AgentPay;

    public async Task<EarningsEntry?> PayConversationAsync(ConversationWrappedUp wrapped, CancellationToken ct)
    {
        var entry = EarningsEntry.ForConversation(wrapped.AgentId, wrapped.ConversationId, wrapped.WrappedUpAt, Pay, wrapped.Skill, NoSurgePerMille,
            $"{wrapped.Skill} conversation, {wrapped.Resolution}; no surge yet (multiplier 1).");
        return await AddOnceAsync(entry, ct);
    }

    public Task<EarningsEntry?> PayCsatBonusAsync(Guid agentId, Guid conversationId, DateTime at, CancellationToken ct) =>
        Pay.CsatBonusMinor > 0 ? AddOnceAsync(EarningsEntry.ForCsatBonus(agentId, conversationId, at, Pay), ct) : Task.FromResult<EarningsEntry?>(null);

    public async Task<EarningsEntry?> AddOnceAsync(EarningsEntry entry, CancellationToken ct)
    {
        if (db.Set<EarningsEntry>().Local.Any(e => e.SourceKey == entry.SourceKey)
            || await db.Set<EarningsEntry>().AnyAsync(e => e.SourceKey == entry.SourceKey, ct))
        {
            return null;
        }

        db.Add(entry);
        return entry;
    }
}
