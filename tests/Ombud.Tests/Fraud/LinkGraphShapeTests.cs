using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Links;
using Ombud.Platform;

namespace Ombud.Tests.Fraud;

/// <summary>The graph's node budget (nearest orders kept, the rest said to be left out) and how identities are masked.</summary>
public sealed class LinkGraphShapeTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_device_shared_by_hundreds_of_orders_stays_within_the_node_budget_nearest_orders_first()
    {
        var start = Order(0, "start-customer", hoursAgo: 0);
        var found = new List<(OrderLinkFacts, int)> { (start, 0) };
        found.AddRange(Enumerable.Range(1, 300).Select(i => (Order(i, $"customer-{i}", hoursAgo: i), i <= 150 ? 1 : 2)));

        var shape = GraphShape.Build(found, showLoneIdentities: true, LinkExplorer.MaxNodes);

        var nodes = shape.Nodes([]).Count + shape.Identities.Count;
        Assert.True(shape.Truncated);
        Assert.InRange(nodes, LinkExplorer.MaxNodes - 2, LinkExplorer.MaxNodes);
        Assert.Equal(0, shape.Orders[0].Hop);
        Assert.All(shape.Orders.Skip(1), o => Assert.Equal(1, o.Hop));
        // Nearest first within a step: the newest of the first step's orders are kept.
        Assert.Equal(Enumerable.Range(1, shape.Orders.Count - 1).Select(i => Id(i)), shape.Orders.Skip(1).Select(o => o.Order.OrderId));
        var device = Assert.Single(shape.Identities, i => i.Kind == SharedIdentifier.Device);
        Assert.Equal(shape.Orders.Count, device.Orders.Count);
    }

    [Fact]
    public void A_small_graph_is_whole_and_an_identity_only_one_order_carries_shows_only_on_the_start()
    {
        var shape = GraphShape.Build([(Order(0, "a", 0), 0), (Order(1, "b", 1), 1)], showLoneIdentities: true, LinkExplorer.MaxNodes);

        Assert.False(shape.Truncated);
        // The shared device links both; the start's own e-mail shows, the other order's e-mail does not.
        Assert.Equal(2, Assert.Single(shape.Identities, i => i.Kind == SharedIdentifier.Device).Orders.Count);
        Assert.Equal([Id(0)], Assert.Single(shape.Identities, i => i.Kind == SharedIdentifier.Email).Orders);
        Assert.Equal(4, shape.Edges.Count(e => e.To.StartsWith("device:", StringComparison.Ordinal) || e.To.StartsWith("customer:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(SharedIdentifier.Email, "anna.svensson@example.se", "a•••@example.se")]
    [InlineData(SharedIdentifier.Phone, "+46701234567", "•••67")]
    [InlineData(SharedIdentifier.IpAddress, "81.2.69.160", "81.2.69.•••")]
    [InlineData(SharedIdentifier.IpAddress, "2001:db8:2e01:5:1:2:3:4", "2001:db8:2e01:5:•••")]
    [InlineData(SharedIdentifier.ShippingAddress, "storgatan1|11122|SE", "Stor… 11••• SE")]
    [InlineData(SharedIdentifier.Device, "3f9a0c77d2e14b59", "3f9a0c77…")]
    public void Identities_are_masked_to_tell_them_apart_without_giving_them_away(SharedIdentifier kind, string key, string shown) =>
        Assert.Equal(shown, IdentityMask.Mask(kind, key));

    private static Guid Id(int i) => new($"00000000-0000-0000-0000-{i:D12}");

    private static OrderLinkFacts Order(int i, string customer, int hoursAgo) => new(Id(i), $"R-{i}", Guid.NewGuid(), customer, Now.AddHours(-hoursAgo),
        OrderStatus.Placed, new Money(10_000, "SEK"), new Dictionary<SharedIdentifier, string>
        {
            [SharedIdentifier.Device] = "shared-device",
            [SharedIdentifier.Email] = $"{customer}@example.org",
        });
}
