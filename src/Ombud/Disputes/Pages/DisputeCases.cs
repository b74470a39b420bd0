using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Disputes.Api;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Pages;

/// <summary>
/// Reads one dispute, or one order of a shopper, with what its page shows beside it. Every read is filtered by who is
/// looking (<see cref="DisputeViewer"/>): asked for someone else's, it finds nothing, the same as for an id that does
/// not exist, so a page cannot even confirm that another's dispute is there.
/// </summary>
internal sealed class DisputeCases(OmbudDb db)
{
    public async Task<DisputeCase?> LoadAsync(Guid id, DisputeViewer viewer, CancellationToken ct)
    {
        var dispute = await Visible(viewer).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dispute is null)
        {
            return null;
        }

        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Plan).AsSingleQuery().SingleAsync(o => o.Id == dispute.OrderId, ct);
        var parties = new CustomerOrders(db);
        var merchant = (await parties.MerchantNamesAsync([dispute.MerchantId], ct))[dispute.MerchantId];
        var customer = (await parties.NamesAsync([dispute.CustomerId], ct))[dispute.CustomerId];
        var files = await EvidenceFileInfo.ListAsync(db, id, viewer.Party, ct);
        return new DisputeCase(dispute, order, merchant, customer, files);
    }

    /// <summary>A shopper's own order with its plan and every dispute on it, newest first; null for anyone else's.</summary>
    public async Task<ShopperOrderCase?> OrderAsync(Guid orderId, DisputeViewer viewer, CancellationToken ct)
    {
        if (viewer.Audience != DisputeAudience.Shopper)
        {
            return null;
        }

        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Plan).AsSingleQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId && o.CustomerId == viewer.PartyId, ct);
        if (order is null)
        {
            return null;
        }

        var merchant = (await new CustomerOrders(db).MerchantNamesAsync([order.MerchantId], ct))[order.MerchantId];
        var disputes = await db.Set<Dispute>().AsNoTracking()
            .Where(d => d.OrderId == order.Id)
            .Select(d => new OrderDispute(d.Id, d.Reason, d.State, d.Outcome, d.ReportedAt))
            .ToListAsync(ct);
        return new ShopperOrderCase(order, merchant, [.. disputes.OrderByDescending(d => d.ReportedAt)]);
    }

    private IQueryable<Dispute> Visible(DisputeViewer viewer)
    {
        var disputes = db.Set<Dispute>().AsNoTracking();
        return viewer.Audience switch
        {
            DisputeAudience.Shopper => disputes.Where(d => d.CustomerId == viewer.PartyId),
            DisputeAudience.Merchant => disputes.Where(d => d.MerchantId == viewer.PartyId),
            _ => disputes,
        };
    }
}

/// <summary>
/// A dispute with its order and plan, the names of both sides and its evidence files (described, with the viewer's
/// audited download address; never their bytes).
/// </summary>
public sealed record DisputeCase(Dispute Dispute, Order Order, string MerchantName, string CustomerName, IReadOnlyList<EvidenceFileInfo> Files)
{
    /// <summary>The files one side sent, oldest first.</summary>
    public IReadOnlyList<EvidenceFileInfo> FilesOf(DisputeParty party) => [.. Files.Where(f => f.Party == party)];

    /// <summary>The steps in the order they happened (the database returns owned rows in no particular order).</summary>
    public IReadOnlyList<DisputeTransition> Timeline { get; } = [.. Dispute.Transitions.OrderBy(t => t.Number)];

    /// <summary>The disputed line, or null when the whole order is disputed.</summary>
    public OrderLine? Line => Dispute.LineNumber is { } number ? Order.Lines.FirstOrDefault(l => l.Number == number) : null;

    /// <summary>The shopper's own words when reporting (or the provider's, for a high-risk flag).</summary>
    public string? Claim => Timeline.Count > 0 ? Timeline[0].Note : null;

    /// <summary>What the shopper added later, oldest first.</summary>
    public IEnumerable<DisputeTransition> ShopperAdditions =>
        Timeline.Where(t => t.Move == DisputeMove.AddInformation && DisputeActors.PartyOf(t.Actor) == DisputeParty.Shopper);

    /// <summary>What the store said and refunded in the store period, oldest first.</summary>
    public IEnumerable<DisputeTransition> StoreAnswers => Timeline.Where(t => Dispute.IsStoreAnswer(t.Move));

    /// <summary>The merchant's appeal, when it made one.</summary>
    public DisputeTransition? Appeal => Timeline.LastOrDefault(t => t.Move == DisputeMove.Appeal);

    /// <summary>Whether <paramref name="move"/> may be made now, by the state table the entity itself obeys.</summary>
    public bool Allows(DisputeMove move) => Dispute.AllowedMoves.Contains(move);
}

/// <summary>A shopper's order as the order page shows it.</summary>
internal sealed record ShopperOrderCase(Order Order, string MerchantName, IReadOnlyList<OrderDispute> Disputes)
{
    public OrderDispute? Open => Disputes.FirstOrDefault(d => d.State != DisputeState.Closed);
}

internal sealed record OrderDispute(Guid Id, DisputeReason Reason, DisputeState State, DisputeOutcome? Outcome, DateTime ReportedAt);
