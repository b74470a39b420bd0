using Ombud.Commerce.Contracts;

namespace Ombud.Fraud.Links;

/// <summary>
/// Which orders, customers and identities make the graph, within a node budget. Orders come in nearest first (fewest
/// steps, then newest); an identity becomes a node once two of the graph's orders carry it (a link), or at once when
/// it is on the single starting order (so a specialist also sees what links to nothing). An order that would push the
/// graph past the budget, and everything after it, is left out.
/// </summary>
internal sealed class GraphShape
{
    private readonly List<(OrderLinkFacts Order, int Hop)> _orders = [];
    private readonly HashSet<Guid> _customers = [];
    private readonly Dictionary<(SharedIdentifier, string), List<Guid>> _carriers = [];
    private readonly HashSet<(SharedIdentifier, string)> _shown = [];

    public IReadOnlyList<(OrderLinkFacts Order, int Hop)> Orders => _orders;

    public bool Truncated { get; private set; }

    /// <summary>The shown identities in the order they became nodes, each with a node id free of personal data.</summary>
    public IReadOnlyList<ShownIdentity> Identities { get; private set; } = [];

    public IReadOnlyList<LinkEdge> Edges { get; private set; } = [];

    public static GraphShape Build(IEnumerable<(OrderLinkFacts Order, int Hop)> found, bool showLoneIdentities, int maxNodes)
    {
        var shape = new GraphShape();
        foreach (var (order, hop) in found.OrderBy(f => f.Hop).ThenByDescending(f => f.Order.PlacedAt).ThenBy(f => f.Order.OrderId))
        {
            if (shape.NodesWith(order, hop, showLoneIdentities) > maxNodes)
            {
                shape.Truncated = true;
                break;
            }

            shape.Add(order, hop, showLoneIdentities);
        }

        shape.Finish();
        return shape;
    }

    public IReadOnlyList<LinkNode> Nodes(IReadOnlyList<LinkedIdentity> identities) =>
    [
        .. _orders.Select(o => new LinkNode(Ids.Order(o.Order.OrderId), LinkNodeKind.Order, o.Order.Reference ?? o.Order.OrderId.ToString()[..8],
            o.Order.OrderId, o.Order.CustomerId)),
        .. _orders.Select(o => (o.Order.CustomerId, o.Order.CustomerName)).Distinct()
            .Select(c => new LinkNode(Ids.Customer(c.CustomerId), LinkNodeKind.Customer, c.CustomerName, CustomerId: c.CustomerId)),
        .. identities.Select(i => new LinkNode(i.NodeId, i.Kind, i.Masked)),
    ];

    private int Count => _orders.Count + _customers.Count + _shown.Count;

    private int NodesWith(OrderLinkFacts order, int hop, bool showLone)
    {
        var added = 1 + (_customers.Contains(order.CustomerId) ? 0 : 1);
        foreach (var (kind, key) in order.Identities)
        {
            var carriers = _carriers.GetValueOrDefault((kind, key))?.Count ?? 0;
            added += !_shown.Contains((kind, key)) && (carriers >= 1 || (showLone && hop == 0)) ? 1 : 0;
        }

        return Count + added;
    }

    private void Add(OrderLinkFacts order, int hop, bool showLone)
    {
        _orders.Add((order, hop));
        _customers.Add(order.CustomerId);
        foreach (var (kind, key) in order.Identities)
        {
            if (!_carriers.TryGetValue((kind, key), out var carriers))
            {
                carriers = [];
                _carriers[(kind, key)] = carriers;
            }

            carriers.Add(order.OrderId);
            if (carriers.Count >= 2 || (showLone && hop == 0))
            {
                _shown.Add((kind, key));
            }
        }
    }

    private void Finish()
    {
        var numbers = new Dictionary<SharedIdentifier, int>();
        var identities = new List<ShownIdentity>();
        foreach (var ((kind, key), carriers) in _carriers.Where(c => _shown.Contains(c.Key)))
        {
            numbers[kind] = numbers.GetValueOrDefault(kind) + 1;
            identities.Add(new ShownIdentity($"{kind.Node().ToString().ToLowerInvariant()}:{numbers[kind]}", kind, key, carriers));
        }

        Identities = identities;
        Edges =
        [
            .. _orders.Select(o => new LinkEdge(Ids.Order(o.Order.OrderId), Ids.Customer(o.Order.CustomerId))),
            .. identities.SelectMany(i => i.Orders.Select(o => new LinkEdge(Ids.Order(o), i.NodeId))),
        ];
    }
}

/// <summary>An identity that is a node: its kind, its full key (never sent out), and the orders that carry it.</summary>
internal sealed record ShownIdentity(string NodeId, SharedIdentifier Kind, string Key, IReadOnlyList<Guid> Orders);
