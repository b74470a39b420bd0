using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Conversations.Contracts;
using Ombud.Platform.Storage;

namespace Ombud.Conversations;

/// <summary>
/// The queue of conversations waiting for a person, in the database so every node sees the same queue. Ordered by
/// priority (fraud and vulnerability first), then by when the hand-off was asked for. The agent marketplace will
/// take from it; until then staff see it on a page.
/// </summary>
internal sealed class HandOffQueue(OmbudDb db, CustomerOrders customers)
{
    /// <summary>Where a waiting hand-off stands: 1 is next. Null once a person has it.</summary>
    public async Task<int?> PositionAsync(Guid handOffId, CancellationToken ct)
    {
        var handOff = await db.Set<HandOff>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == handOffId, ct);
        return handOff is null ? null : await PositionAsync(handOff, ct);
    }

    public async Task<int?> PositionAsync(HandOff handOff, CancellationToken ct)
    {
        if (handOff.Status != HandOffStatus.Waiting)
        {
            return null;
        }

        return await AheadOf(db, handOff.Id, handOff.Priority, handOff.RequestedAt, ct) + 1;
    }

    private static readonly PerModel<Func<OmbudDb, Guid, int, DateTime, CancellationToken, Task<int>>> AheadByModel = new(_ => EF.CompileAsyncQuery(
        (OmbudDb db, Guid id, int priority, DateTime requestedAt, CancellationToken ct) =>
            db.Set<HandOff>().Count(h => h.Status == HandOffStatus.Waiting && h.Id != id
                && (h.Priority < priority || (h.Priority == priority && h.RequestedAt <= requestedAt)))));

    /// <summary>
    /// How many waiting hand-offs stand ahead of one: counted on every hand-off and every look at a waiting conversation,
    /// so compiled once per EF model (see <c>CycleReads</c>) instead of its expression tree being built and matched each time.
    /// </summary>
    private static Task<int> AheadOf(OmbudDb db, Guid id, int priority, DateTime requestedAt, CancellationToken ct) =>
        AheadByModel.For(db)(db, id, priority, requestedAt, ct);

    /// <summary>The waiting hand-offs in the order a person should take them, with the shopper's name for the staff page.</summary>
    public async Task<IReadOnlyList<WaitingHandOff>> WaitingAsync(int limit, CancellationToken ct)
    {
        var waiting = await db.Set<HandOff>().AsNoTracking().Where(h => h.Status == HandOffStatus.Waiting)
            .OrderBy(h => h.Priority).ThenBy(h => h.RequestedAt).Take(limit).ToListAsync(ct);
        var names = await customers.NamesAsync([.. waiting.Select(h => h.CustomerId).Distinct()], ct);
        return [.. waiting.Select((h, i) => new WaitingHandOff(i + 1, h.Id, h.ConversationId, h.Reason, h.Priority, h.Language, h.Intent,
            h.SentimentTrend, h.Summary, h.SuggestedResolution, h.RequestedAt, names.GetValueOrDefault(h.CustomerId, "(unknown customer)"), h.CustomerId))];
    }
}
