using Ombud.Platform;

namespace Ombud.Commerce.DemoWorld;

/// <summary>How an order's story goes when a planted pattern needs it to go one way.</summary>
internal enum Fate
{
    /// <summary>Whatever usually happens: a few cancelled, most delivered, some returned.</summary>
    Natural,

    /// <summary>Delivered when its time comes; never cancelled, never returned.</summary>
    Uneventful,

    /// <summary>Handed to the carrier and never delivered.</summary>
    NeverDelivered,

    /// <summary>Delivered broken and sent back; the refund has not come yet.</summary>
    FaultyReturned,
}

/// <summary>A refund the order's story brings, applied to the plan in its place among the payments.</summary>
internal sealed record PlannedRefund(DateTime At, long AmountMinor, string Reason);

/// <summary>Moves an order through shipping, delivery, cancellation and return, up to the world's today.</summary>
internal sealed class DemoFulfilment(DemoRandom random, DemoWorldSettings settings)
{
    private const int CancelledPercent = 2;

    public PlannedRefund? Fulfil(Order order, DemoStore store, DemoMarket market, SalesChannel channel, Fate fate)
    {
        var now = settings.Now;
        var placed = order.PlacedAt;
        var delivery = store.Category.Delivery;
        // A refund of a whole financed order would leave its interest on the schedule: the plan has no rule yet for
        // giving interest back, so financed orders are never cancelled or returned whole here.
        var financed = order.Plan.Kind == PlanKind.Financing;
        if (fate == Fate.Natural && !financed && delivery != Delivery.Electronic && channel != SalesChannel.InStore
            && random.Percent(CancelledPercent))
        {
            var cancelledAt = placed.AddMinutes(random.Between(20, 600));
            if (cancelledAt < now)
            {
                Check(order.Cancel());
                return new PlannedRefund(cancelledAt, order.TotalMinor, "Cancelled by the customer before shipping");
            }
        }

        var (carrier, tracking, shippedAt, deliveredAt) = Journey(order, store, market, channel);
        if (shippedAt >= now)
        {
            return null;
        }

        Check(order.Ship(carrier, tracking, shippedAt));
        if (fate == Fate.NeverDelivered || deliveredAt >= now)
        {
            return null;
        }

        Check(order.Deliver(deliveredAt));
        if (fate == Fate.FaultyReturned)
        {
            Check(order.Return(whole: true));
            return null;
        }

        if (fate != Fate.Natural || !random.Percent(store.Category.ReturnPercent))
        {
            return null;
        }

        // Goods travel back and the store inspects them before it refunds.
        var refundedAt = deliveredAt.AddDays(random.Between(5, 21)).AddMinutes(random.Between(0, 600));
        if (refundedAt >= now)
        {
            return null;
        }

        var lines = order.Lines;
        var whole = (lines.Count == 1 && lines[0].Quantity == 1) || random.Percent(60);
        if (whole && financed)
        {
            return null;
        }

        Check(order.Return(whole));
        if (whole)
        {
            var reason = delivery == Delivery.Electronic ? "Booking cancelled by the traveller" : "Returned: the whole order";
            return new PlannedRefund(refundedAt, lines.Sum(l => l.TotalMinor), reason);
        }

        var line = random.Pick(lines);
        return new PlannedRefund(refundedAt, line.UnitPriceMinor, $"Returned: {line.Description}");
    }

    private (string Carrier, string Tracking, DateTime ShippedAt, DateTime DeliveredAt) Journey(Order order, DemoStore store, DemoMarket market,
        SalesChannel channel)
    {
        var placed = order.PlacedAt;
        if (channel == SalesChannel.InStore)
        {
            return ("In store", "R" + random.Digits(10), placed, placed);
        }

        switch (store.Category.Delivery)
        {
            case Delivery.Electronic:
                var sent = placed.AddMinutes(random.Between(2, 15));
                return ("E-ticket", DemoCarriers.BookingReference(random), sent, sent.AddMinutes(1));
            case Delivery.Groceries:
                var vanLeaves = placed.AddHours(random.Between(8, 20));
                return ($"{store.Merchant.Name} delivery", "G" + random.Digits(9), vanLeaves, vanLeaves.AddMinutes(random.Between(30, 240)));
            case Delivery.Freight:
                var freight = DemoCarriers.Freight(market.Country);
                var loaded = placed.AddDays(random.Between(2, 9)).AddMinutes(random.Between(0, 600));
                return (freight, DemoCarriers.TrackingNumber(freight, market.Country, random), loaded, loaded.AddDays(random.Between(2, 7)));
            default:
                var carrier = random.PickWeighted(market.Carriers);
                var handedOver = placed.AddHours(random.Between(4, 60));
                return (carrier, DemoCarriers.TrackingNumber(carrier, market.Country, random), handedOver, handedOver.AddHours(random.Between(18, 96)));
        }
    }

    private static void Check(Outcome<Order> outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The demo world moved an order wrongly: {outcome.Error!.Detail}");
        }
    }
}
