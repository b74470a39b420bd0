using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Analytics;

/// <summary>
/// Which orders behind a chart: those placed in the range, in one market and of one plan type when named; or, with
/// <paramref name="Due"/>, those with an instalment that fell due in the range (the instalments table's rows).
/// </summary>
/// <param name="Market">A market code ("SE"); null for every market.</param>
/// <param name="Plan">A plan type (<c>payIn4</c>…), <c>none</c> for orders without a plan; null for every kind.</param>
/// <param name="Due">True: orders with an instalment due from–to (before today, not cancelled), whenever placed.</param>
public sealed record OrderSlice(string? From, string? To, string? Market, string? Plan, bool? Due = null, string? TimeZone = null);

/// <summary>
/// One order behind a bar: what an analyst needs to see the bar is real (reference, store, market, plan, amount,
/// status), and no one's name or contact. <see cref="CustomerId"/> is there only for callers of the staff desk, who
/// may open the customer.
/// </summary>
public sealed record OrderRow(Guid Id, string? Reference, DateTime PlacedAt, string Merchant, string Market, PlanKind? Plan, Money Amount,
    OrderStatus Status, Guid? CustomerId);

/// <summary>The rows behind a bar of the analyst's charts: the orders of a slice, latest placed first, a page at a time.</summary>
internal sealed class OrderDrillDown(OmbudDb db, TimeProvider clock)
{
    public const string NoPlan = "none";

    public async Task<Outcome<Page<OrderRow>>> PageAsync(OrderSlice slice, string? cursor, int? limit, bool showCustomer, CancellationToken ct)
    {
        var invalid = new Validation();
        var zone = AnalyticsRange.ReadZone(invalid, slice.TimeZone);
        var today = AnalyticsRange.DayOf(clock.GetUtcNow().UtcDateTime, zone);
        var range = AnalyticsRange.Read(invalid, slice.From, slice.To, today, zone);
        invalid.Optional("market", slice.Market, 8);
        var (anyPlan, plan) = (string.IsNullOrEmpty(slice.Plan), (PlanKind?)null);
        if (!anyPlan && slice.Plan != NoPlan)
        {
            if (EnumNames.TryParse<PlanKind>(slice.Plan, out var kind))
            {
                plan = kind;
            }
            else
            {
                invalid.Add("plan", $"One of payIn4, payIn30Days, financing, or {NoPlan} for orders without a plan.");
            }
        }

        var after = Cursor.Check(invalid, cursor, limit);

        if (range is null || !invalid.IsValid)
        {
            return invalid.ToError();
        }

        var (start, end, firstDay, lastDay) = (range.Start, range.End, range.From, range.To);
        var orders = db.Set<Order>().AsNoTracking();
        // The same instalments the table counts (AnalystVolumes): due in the range and already due, not refunded away.
        orders = slice.Due == true
            ? orders.Where(o => o.Plan.Instalments.Any(i => i.DueDate >= firstDay && i.DueDate <= lastDay && i.DueDate < today && i.Status != InstalmentStatus.Cancelled))
            : orders.Where(o => o.PlacedAt >= start && o.PlacedAt < end);
        var rows = orders
            .Join(db.Set<Customer>(), o => o.CustomerId, c => c.Id, (o, c) => new { Order = o, c.Market })
            .Join(db.Set<Merchant>(), x => x.Order.MerchantId, m => m.Id, (x, m) => new
            {
                x.Order.Id, x.Order.ExternalId, x.Order.PlacedAt, Merchant = m.Name, x.Market, Kind = (PlanKind?)x.Order.Plan.Kind,
                x.Order.TotalMinor, x.Order.Currency, x.Order.Status, x.Order.CustomerId,
            });
        if (!string.IsNullOrEmpty(slice.Market))
        {
            var market = slice.Market.Trim().ToUpperInvariant();
            rows = rows.Where(x => x.Market == market);
        }

        if (!anyPlan)
        {
            rows = rows.Where(x => x.Kind == plan);
        }

        if (after is { } last)
        {
            // The cursor is the last order of the previous page: continue after its place in (placed, id) order.
            var at = await db.Set<Order>().Where(o => o.Id == last).Select(o => (DateTime?)o.PlacedAt).SingleOrDefaultAsync(ct);
            if (at is { } placedAt)
            {
                rows = rows.Where(x => x.PlacedAt < placedAt || (x.PlacedAt == placedAt && x.Id < last));
            }
        }

        var take = limit ?? Cursor.DefaultLimit;
        var page = await rows.OrderByDescending(x => x.PlacedAt).ThenByDescending(x => x.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.PageOf(page, take, x => x.Id, x => new OrderRow(x.Id, x.ExternalId, x.PlacedAt, x.Merchant, x.Market, x.Kind,
            new Money(x.TotalMinor, x.Currency), x.Status, showCustomer ? x.CustomerId : null));
    }
}
