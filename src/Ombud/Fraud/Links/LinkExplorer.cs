using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Links;

/// <summary>
/// "What links to this order": the orders reached from a start through shared customers and identities, one step at a
/// time. Each step is one query for all of the step's customers and identities together (never one per node), then
/// labels, risk decisions and open cases are read once for the whole graph, so a graph costs a handful of queries
/// whatever its size. The graph is bounded: at most <see cref="MaxNodes"/> nodes, nearest orders first.
/// </summary>
internal sealed class LinkExplorer(OmbudDb db, OrderLinks links, RiskHistory history)
{
    public const int DefaultDepth = 2;
    public const int MaxDepth = 3;
    public const int MaxNodes = 200;

    /// <summary>The graph around a case's order, <paramref name="depth"/> steps out; null when there is no such case.</summary>
    public async Task<LinkGraph?> OfCaseAsync(Guid caseId, int depth, CancellationToken ct)
    {
        var orderId = await db.Set<FraudCase>().AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.OrderId).SingleOrDefaultAsync(ct);
        if (orderId is not { } id)
        {
            return null;
        }

        var start = await links.OrdersAsync([id], ct);
        return await ExploreAsync(start, depth, [.. start.Select(o => Ids.Order(o.OrderId))], ct);
    }

    /// <summary>A ring's graph: its customers, their orders and the identities at least two of those orders share.</summary>
    public async Task<LinkGraph> OfCustomersAsync(IReadOnlyCollection<Guid> customers, CancellationToken ct)
    {
        var orders = await links.SharingAsync(new LinkQuery(customers, new Dictionary<SharedIdentifier, IReadOnlyCollection<string>>()), [], MaxNodes, ct);
        return await ExploreAsync(orders, 0, [.. customers.Select(Ids.Customer)], ct);
    }

    private async Task<LinkGraph> ExploreAsync(IReadOnlyList<OrderLinkFacts> start, int depth, IReadOnlyList<string> startNodes, CancellationToken ct)
    {
        var found = start.Select(o => (Order: o, Hop: 0)).ToList();
        var known = start.Select(o => o.OrderId).ToHashSet();
        var askedCustomers = new HashSet<Guid>();
        var askedIdentities = new HashSet<(SharedIdentifier, string)>();
        var frontier = start;
        var truncated = false;
        for (var hop = 1; hop <= depth && frontier.Count > 0 && known.Count <= MaxNodes; hop++)
        {
            var customers = frontier.Select(o => o.CustomerId).Where(askedCustomers.Add).ToList();
            var identities = frontier.SelectMany(o => o.Identities).Where(i => askedIdentities.Add((i.Key, i.Value)))
                .GroupBy(i => i.Key).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)[.. g.Select(i => i.Value).Distinct()]);
            if (customers.Count == 0 && identities.Count == 0)
            {
                break;
            }

            // One more than fits tells whether anything was left out.
            frontier = await links.SharingAsync(new LinkQuery(customers, identities), known, MaxNodes + 1 - known.Count, ct);
            truncated |= known.Count + frontier.Count > MaxNodes;
            foreach (var order in frontier)
            {
                known.Add(order.OrderId);
                found.Add((order, hop));
            }
        }

        var shape = GraphShape.Build(found, showLoneIdentities: start.Count == 1, MaxNodes);
        var ids = shape.Orders.Select(o => o.Order.OrderId).ToList();
        var labels = await history.LabelsAsync(ids, ct);
        var decisions = (await db.Set<FraudDecision>().AsNoTracking().Where(d => ids.Contains(d.OrderId))
                .Select(d => new { d.OrderId, d.DecidedAt, d.Outcome }).ToListAsync(ct))
            .GroupBy(d => d.OrderId).ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.DecidedAt).First().Outcome);
        var openCases = (await db.Set<FraudCase>().AsNoTracking().Where(c => ids.Contains(c.OrderId) && c.State != CaseState.Closed)
                .Select(c => new { c.OrderId, c.Id }).ToListAsync(ct))
            .GroupBy(c => c.OrderId).ToDictionary(g => g.Key, g => g.Min(c => c.Id));
        var orders = shape.Orders.Select(o => new LinkedOrderView(Ids.Order(o.Order.OrderId), o.Order.OrderId, o.Order.Reference, o.Order.CustomerId, o.Order.CustomerName,
            o.Order.PlacedAt, o.Order.Status, o.Order.Total, labels.TryGetValue(o.Order.OrderId, out var fraud) ? fraud : null,
            decisions.TryGetValue(o.Order.OrderId, out var outcome) ? outcome : null,
            openCases.TryGetValue(o.Order.OrderId, out var caseId) ? caseId : null, o.Hop)).ToList();
        var byOrder = orders.ToDictionary(o => o.OrderId);
        // An instrument's key is the gateway's fingerprint; people read the label its orders carry ("card ••4242 (BIN 424242)").
        var instruments = shape.Orders.Where(o => o.Order.Instrument is not null).ToDictionary(o => o.Order.OrderId, o => o.Order.Instrument!);
        string Masked(ShownIdentity i) => i.Kind == SharedIdentifier.PaymentInstrument && instruments.TryGetValue(i.Orders[0], out var label)
            ? label
            : IdentityMask.Mask(i.Kind, i.Key);
        var identitiesShown = shape.Identities.Select(i => new LinkedIdentity(i.NodeId, i.Kind.Node(), Masked(i), i.Orders,
            [.. i.Orders.Select(o => byOrder[o].CustomerName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            i.Orders.Count(o => byOrder[o].IsFraud == true), i.Orders.Count(o => byOrder[o].OpenCaseId is not null))).ToList();
        return new LinkGraph(depth, MaxNodes, truncated || shape.Truncated, startNodes, shape.Nodes(identitiesShown), shape.Edges, orders, identitiesShown);
    }
}

/// <summary>The ids nodes go by.</summary>
internal static class Ids
{
    public static string Order(Guid id) => $"order:{id}";

    public static string Customer(Guid id) => $"customer:{id}";
}
