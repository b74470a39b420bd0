using Ombud.Commerce.Contracts;

namespace Ombud.Fraud.Cases;

/// <summary>An earlier order that counts as compelling evidence, and what it shares with the disputed one.</summary>
public sealed record QualifyingOrder(Guid OrderId, DateTime PlacedAt, IReadOnlyList<string> Matches);

/// <summary>What the evidence suggests, in words, with the orders it rests on; the specialist decides.</summary>
public sealed record SuggestedOutcome(Liability? Liability, string Why, IReadOnlyList<QualifyingOrder> Qualifying);

/// <summary>
/// The suggestion Visa's Compelling Evidence 3.0 supports: at least two earlier, undisputed orders placed 120 to 365
/// days before the disputed one, each matching it on at least two of customer id, IP address, device and shipping
/// address, one of them the IP address or the device, point to the customer having placed it (first-party). Short of
/// that, an order from a device and an IP address the customer never used before points the other way.
/// </summary>
internal static class CompellingEvidence
{
    public const int MinDays = 120;
    public const int MaxDays = 365;
    public const int OrdersNeeded = 2;

    public static SuggestedOutcome Suggest(RiskOrderFacts disputed, IEnumerable<RiskOrderFacts> earlier, IReadOnlySet<Guid> disputedOrders,
        IReadOnlyDictionary<Guid, bool> labels)
    {
        var history = earlier.Where(o => o.PlacedAt < disputed.PlacedAt).ToList();
        var qualifying = history
            .Where(o => o.PlacedAt >= disputed.PlacedAt.AddDays(-MaxDays) && o.PlacedAt <= disputed.PlacedAt.AddDays(-MinDays))
            .Where(o => !disputedOrders.Contains(o.OrderId) && !labels.GetValueOrDefault(o.OrderId))
            .Select(o => new QualifyingOrder(o.OrderId, o.PlacedAt, Matches(disputed, o)))
            .Where(q => q.Matches.Count >= 2 && (q.Matches.Contains("IP address") || q.Matches.Contains("device")))
            .OrderByDescending(q => q.PlacedAt)
            .ToList();
        if (qualifying.Count >= OrdersNeeded)
        {
            return new SuggestedOutcome(Liability.FirstPartyFraud,
                $"Compelling Evidence 3.0 is met: {qualifying.Count} earlier undisputed orders from {MinDays} to {MaxDays} days before share the customer's "
                + "identities with this one, including the IP address or the device. The customer most likely placed it.", qualifying);
        }

        var own = history.Where(o => o.CustomerId == disputed.CustomerId).ToList();
        var newDevice = disputed.DeviceFingerprint is { } device && own.All(o => o.DeviceFingerprint != device);
        var newIp = disputed.IpAddress is { } ip && own.All(o => o.IpAddress != ip);
        if (own.Count > 0 && newDevice && newIp)
        {
            return new SuggestedOutcome(Liability.ThirdPartyFraud,
                $"Compelling Evidence 3.0 is not met ({qualifying.Count} of {OrdersNeeded} qualifying orders), and the order came from a device and an IP "
                + $"address the customer never used in {own.Count} earlier orders: it points to someone else.", qualifying);
        }

        return new SuggestedOutcome(null,
            $"Compelling Evidence 3.0 is not met ({qualifying.Count} of {OrdersNeeded} qualifying orders); the evidence does not point either way yet.", qualifying);
    }

    private static List<string> Matches(RiskOrderFacts a, RiskOrderFacts b)
    {
        var matches = new List<string>();
        if (a.CustomerId == b.CustomerId)
        {
            matches.Add("customer");
        }

        if (a.IpAddress is not null && a.IpAddress == b.IpAddress)
        {
            matches.Add("IP address");
        }

        if (a.DeviceFingerprint is not null && a.DeviceFingerprint == b.DeviceFingerprint)
        {
            matches.Add("device");
        }

        if (a.ShippingAddress == b.ShippingAddress && a.ShippingAddress != "||")
        {
            matches.Add("shipping address");
        }

        return matches;
    }
}
