using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.Surge;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// Writes the agents' earnings ledger: a wrapped-up conversation's pay (base + complexity by the skill it needed +
/// surge), and a five-star CSAT's bonus. It stages into the caller's unit of work; an entry already there for the same
/// source is left alone (the unique <see cref="EarningsEntry.SourceKey"/> holds also when two nodes race).
/// </summary>
internal sealed class EarningsLedger(OmbudDb db, IOptions<PayOptions> options)
{
    private MarketPay Pay => options.Value.AgentPay;

    /// <summary>Pays at the surge multiplier the agent's accepted offer recorded when it was made (1000 ‰ without surge).</summary>
    public async Task<EarningsEntry?> PayConversationAsync(ConversationWrappedUp wrapped, CancellationToken ct)
    {
        var surge = await db.Set<Offer>().AsNoTracking()
            .Where(o => o.QueueEntryId == wrapped.QueueEntryId && o.AgentId == wrapped.AgentId && o.Status == OfferStatus.Accepted)
            .Select(o => (int?)o.SurgePerMille).FirstOrDefaultAsync(ct) ?? SurgeMultipliers.None;
        var entry = EarningsEntry.ForConversation(wrapped.AgentId, wrapped.ConversationId, wrapped.WrappedUpAt, Pay, wrapped.Skill, surge,
            $"{wrapped.Skill} conversation, {wrapped.Resolution}; "
            + (surge == SurgeMultipliers.None ? "no surge when offered." : $"surge {SurgeText.Multiplier(surge)} when offered."));
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
