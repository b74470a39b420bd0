using Ombud.Commerce.Contracts;
using Ombud.Fraud.Cases;

namespace Ombud.Tests.Fraud;

/// <summary>Visa Compelling Evidence 3.0 as the case page suggests it: two earlier undisputed orders 120–365 days old, matching on two identities, one of them IP or device.</summary>
public sealed class CompellingEvidenceTests
{
    private static readonly DateTime Disputed = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Customer = Guid.NewGuid();

    [Fact]
    public void Two_undisputed_orders_in_the_window_sharing_device_and_customer_point_to_the_customer()
    {
        var earlier = new[] { Order(-130, "dev-1", "10.0.0.9"), Order(-300, "dev-1", "10.0.0.7"), Order(-400, "dev-1", "10.0.0.1") };

        var suggestion = CompellingEvidence.Suggest(Order(0, "dev-1", "10.0.0.1"), earlier, new HashSet<Guid>(), new Dictionary<Guid, bool>());

        Assert.Equal(Liability.FirstPartyFraud, suggestion.Liability);
        Assert.Equal([earlier[0].OrderId, earlier[1].OrderId], suggestion.Qualifying.Select(q => q.OrderId));
        Assert.Contains("device", suggestion.Qualifying[0].Matches);
    }

    [Fact]
    public void Orders_too_recent_disputed_or_matching_only_on_customer_and_address_do_not_count()
    {
        var tooRecent = Order(-119, "dev-1", "10.0.0.1");
        var disputed = Order(-200, "dev-1", "10.0.0.1");
        var addressOnly = Order(-250, "dev-9", "10.9.9.9");
        var inWindow = Order(-260, "dev-1", "10.0.0.1");

        var suggestion = CompellingEvidence.Suggest(Order(0, "dev-1", "10.0.0.1"), [tooRecent, disputed, addressOnly, inWindow],
            new HashSet<Guid> { disputed.OrderId }, new Dictionary<Guid, bool>());

        Assert.NotEqual(Liability.FirstPartyFraud, suggestion.Liability);
        Assert.Equal(inWindow.OrderId, Assert.Single(suggestion.Qualifying).OrderId);
    }

    [Fact]
    public void An_order_from_a_device_and_IP_the_customer_never_used_points_to_someone_else()
    {
        var suggestion = CompellingEvidence.Suggest(Order(0, "dev-new", "203.0.113.5"), [Order(-30, "dev-1", "10.0.0.1"), Order(-200, "dev-1", "10.0.0.1")],
            new HashSet<Guid>(), new Dictionary<Guid, bool>());

        Assert.Equal(Liability.ThirdPartyFraud, suggestion.Liability);
        Assert.Empty(suggestion.Qualifying);
    }

    private static RiskOrderFacts Order(int days, string device, string ip) => new(Guid.NewGuid(), Customer, Disputed.AddDays(days), 50_000, "SEK",
        "anna@example.se", "+46701234567", device, ip, "Storgatan 1|111 22|SE", "Storgatan 1|111 22|SE", Disputed.AddDays(-800), "5655");
}
