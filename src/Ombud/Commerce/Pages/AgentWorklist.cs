using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Pages;

/// <summary>
/// Orders that look like they are about to become a contact: parcels that never arrived and plans with a missed
/// instalment. A reading of the data for an agent's day, not a decision: the dispute and hand-off flows decide.
/// </summary>
internal sealed class AgentWorklist(OmbudDb db, TimeProvider clock)
{
    /// <summary>A parcel still in transit after this long is probably lost; carriers' own claim windows start around here.</summary>
    public static readonly TimeSpan LongInTransit = TimeSpan.FromDays(14);

    public const int Limit = 25;

    public async Task<AgentView> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var shippedBefore = now - LongInTransit;

        var inTransit = db.Set<Order>().AsNoTracking().Where(o => o.Status == OrderStatus.Shipped && o.ShippedAt < shippedBefore);
        var stuckCount = await inTransit.CountAsync(cancellationToken);
        var stuck = await inTransit
            .OrderBy(o => o.ShippedAt)
            .Take(Limit)
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { o, CustomerName = c.Name })
            .Join(db.Set<Merchant>(), x => x.o.MerchantId, m => m.Id, (x, m) => new
            {
                x.o.Id,
                x.o.ExternalId,
                x.o.CustomerId,
                x.CustomerName,
                MerchantName = m.Name,
                x.o.ShippedAt,
                x.o.Carrier,
                x.o.TrackingNumber,
                x.o.TotalMinor,
                x.o.Currency,
            })
            .ToListAsync(cancellationToken);

        var missed = db.Set<PaymentPlan>().AsNoTracking()
            .SelectMany(p => p.Instalments.Where(i => i.Status == InstalmentStatus.Missed), (p, i) => new
            {
                p.OrderId,
                p.CustomerId,
                p.Currency,
                i.DueDate,
                Remaining = i.AmountMinor + i.LateFeeMinor - i.PaidMinor,
            });
        var missedByOrder = missed
            .GroupBy(m => new { m.OrderId, m.CustomerId, m.Currency })
            .Select(g => new { g.Key.OrderId, g.Key.CustomerId, g.Key.Currency, Count = g.Count(), Remaining = g.Sum(m => m.Remaining), FirstDue = g.Min(m => m.DueDate) });
        var missedCount = await missedByOrder.CountAsync(cancellationToken);
        var overdue = await missedByOrder
            .OrderBy(m => m.FirstDue)
            .Take(Limit)
            .Join(db.Set<Customer>(), m => m.CustomerId, c => c.Id, (m, c) => new { m, CustomerName = c.Name })
            .Join(db.Set<Order>(), x => x.m.OrderId, o => o.Id, (x, o) => new { x.m, x.CustomerName, o.MerchantId, o.ExternalId })
            .Join(db.Set<Merchant>(), x => x.MerchantId, m => m.Id, (x, m) => new
            {
                x.m.OrderId,
                x.ExternalId,
                x.m.CustomerId,
                x.CustomerName,
                MerchantName = m.Name,
                x.m.Count,
                x.m.Remaining,
                x.m.Currency,
                x.m.FirstDue,
            })
            .ToListAsync(cancellationToken);

        var today = DateOnly.FromDateTime(now);
        return new AgentView(
            stuckCount,
            [.. stuck.Select(s => new InTransitOrder(s.Id, s.ExternalId, s.CustomerId, s.CustomerName, s.MerchantName, s.ShippedAt!.Value,
                (int)(now - s.ShippedAt.Value).TotalDays, s.Carrier, s.TrackingNumber, new Money(s.TotalMinor, s.Currency)))],
            missedCount,
            [.. overdue.Select(o => new MissedPaymentOrder(o.OrderId, o.ExternalId, o.CustomerId, o.CustomerName, o.MerchantName, o.Count,
                new Money(o.Remaining, o.Currency), o.FirstDue, today.DayNumber - o.FirstDue.DayNumber))]);
    }
}

internal sealed record AgentView(
    int InTransitCount,
    IReadOnlyList<InTransitOrder> InTransit,
    int MissedPaymentCount,
    IReadOnlyList<MissedPaymentOrder> MissedPayments);

internal sealed record InTransitOrder(
    Guid OrderId, string? ExternalId, Guid CustomerId, string CustomerName, string MerchantName, DateTime ShippedAt, int DaysInTransit,
    string? Carrier, string? TrackingNumber, Money Total);

internal sealed record MissedPaymentOrder(
    Guid OrderId, string? ExternalId, Guid CustomerId, string CustomerName, string MerchantName, int MissedInstalments, Money Overdue,
    DateOnly FirstMissedDue, int DaysOverdue);
