using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Pages;

/// <summary>Volumes by market and plan type, and how instalments that fell due were paid: on time, late, or missed.</summary>
internal sealed class AnalystVolumes(OmbudDb db, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<AnalystView> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var volumes = await db.Set<Order>().AsNoTracking()
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { c.Market, Kind = (PlanKind?)o.Plan.Kind, o.Currency, o.TotalMinor })
            .GroupBy(x => new { x.Market, x.Kind, x.Currency })
            .Select(g => new { g.Key.Market, g.Key.Kind, g.Key.Currency, Orders = g.Count(), Minor = g.Sum(x => x.TotalMinor) })
            .ToListAsync(cancellationToken);

        // Only instalments already due say anything about paying on time; cancelled ones (refunded away) say nothing.
        var due = await db.Set<PaymentPlan>().AsNoTracking()
            .SelectMany(p => p.Instalments, (p, i) => new { p.CustomerId, i.DueDate, i.Status })
            .Where(x => x.DueDate < today && x.Status != InstalmentStatus.Cancelled)
            .Join(db.Set<Customer>(), x => x.CustomerId, c => c.Id, (x, c) => new { c.Market, x.Status })
            .GroupBy(x => x.Market)
            .Select(g => new
            {
                Market = g.Key,
                Due = g.Count(),
                OnTime = g.Count(x => x.Status == InstalmentStatus.Paid),
                Late = g.Count(x => x.Status == InstalmentStatus.PaidLate),
                Missed = g.Count(x => x.Status == InstalmentStatus.Missed),
            })
            .ToListAsync(cancellationToken);

        var firstMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1 - Months);
        var monthly = await db.Set<Order>().AsNoTracking()
            .Where(o => o.PlacedAt >= firstMonth)
            .GroupBy(o => new { o.PlacedAt.Year, o.PlacedAt.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Orders = g.Count() })
            .ToListAsync(cancellationToken);

        return new AnalystView(
            [.. volumes
                .OrderBy(v => v.Market, StringComparer.Ordinal).ThenBy(v => v.Kind).ThenBy(v => v.Currency, StringComparer.Ordinal)
                .Select(v => new MarketVolume(v.Market, v.Kind, v.Orders, new Money(v.Minor, v.Currency)))],
            [.. due.OrderBy(d => d.Market, StringComparer.Ordinal).Select(d => new PaymentBehaviour(d.Market, d.Due, d.OnTime, d.Late, d.Missed))],
            [.. Enumerable.Range(0, Months).Select(n =>
            {
                var month = firstMonth.AddMonths(n);
                return new MonthlyOrders(month.Year, month.Month, monthly.FirstOrDefault(m => m.Year == month.Year && m.Month == month.Month)?.Orders ?? 0);
            })]);
    }
}

internal sealed record AnalystView(IReadOnlyList<MarketVolume> Volumes, IReadOnlyList<PaymentBehaviour> Payments, IReadOnlyList<MonthlyOrders> Monthly)
{
    public IReadOnlyList<string> Markets => [.. Volumes.Select(v => v.Market).Distinct().Order(StringComparer.Ordinal)];

    public int OrderCount => Volumes.Sum(v => v.Orders);

    public IReadOnlyList<Money> AmountByCurrency =>
        [.. Volumes.GroupBy(v => v.Amount.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Money(g.Sum(v => v.Amount.Minor), g.Key))];

    public PaymentBehaviour Overall => new("All", Payments.Sum(p => p.Due), Payments.Sum(p => p.OnTime), Payments.Sum(p => p.Late), Payments.Sum(p => p.Missed));
}

/// <summary>Orders of one market, plan type and currency. <see cref="Kind"/> is null for orders without a plan.</summary>
internal sealed record MarketVolume(string Market, PlanKind? Kind, int Orders, Money Amount);

/// <summary>Of the instalments that fell due: paid on time, paid late, missed; the rest are due but within grace.</summary>
internal sealed record PaymentBehaviour(string Market, int Due, int OnTime, int Late, int Missed);

internal sealed record MonthlyOrders(int Year, int Month, int Orders);
