using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.Presence;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// The hourly floor: an agent online and available (status online; away and offline do not count) earns at least the
/// market's floor per hour. For a finished day (UTC) it reads each agent's presence history, works out the time online,
/// and when the day's other entries (conversations, bonuses) paid less than the floor for that time, adds one
/// "floor top-up" entry for the difference. One top-up per agent and day, ever.
/// </summary>
internal sealed class HourlyFloor(OmbudDb db, EarningsLedger ledger, IOptions<PayOptions> options, TimeProvider clock)
{
    /// <summary>Tops up every agent short of the floor on <paramref name="day"/>; returns the entries added. Stages into the caller's unit of work.</summary>
    public async Task<IReadOnlyList<EarningsEntry>> TopUpAsync(DateOnly day, CancellationToken ct)
    {
        var pay = options.Value.AgentPay;
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        var now = clock.GetUtcNow().UtcDateTime;
        if (end > now || pay.FloorPerHourMinor == 0)
        {
            // Only a day that is over: its online time and its earnings are final.
            return [];
        }

        var agents = await db.Set<PresenceChange>().AsNoTracking().Where(p => p.At < end).Select(p => p.AgentId).Distinct().ToListAsync(ct);
        var added = new List<EarningsEntry>();
        foreach (var agentId in agents)
        {
            var key = EarningsEntry.FloorKey(agentId, day);
            if (await db.Set<EarningsEntry>().AnyAsync(e => e.SourceKey == key, ct))
            {
                continue;
            }

            var online = await OnlineTimeAsync(agentId, start, end, ct);
            var floor = pay.FloorPerHourMinor * (long)online.TotalSeconds / 3600;
            var earned = await db.Set<EarningsEntry>().Where(e => e.AgentId == agentId && e.Day == day && e.Kind != EarningsKind.FloorTopUp)
                .SumAsync(e => e.TotalMinor, ct);
            if (floor <= earned)
            {
                continue;
            }

            var note = $"Online {Hours(online)}: the floor is {new Money(floor, pay.Currency)} "
                       + $"({new Money(pay.FloorPerHourMinor, pay.Currency)} an hour); conversations and bonuses paid {new Money(earned, pay.Currency)}.";
            if (await ledger.AddOnceAsync(EarningsEntry.ForFloorTopUp(agentId, day, now, pay.Currency, floor - earned, note), ct) is { } entry)
            {
                added.Add(entry);
            }
        }

        return added;
    }

    /// <summary>How long the agent was online between <paramref name="start"/> and <paramref name="end"/>, from their presence history.</summary>
    public async Task<TimeSpan> OnlineTimeAsync(Guid agentId, DateTime start, DateTime end, CancellationToken ct)
    {
        var before = await db.Set<PresenceChange>().AsNoTracking().Where(p => p.AgentId == agentId && p.At < start)
            .OrderByDescending(p => p.At).Select(p => (AgentStatus?)p.Status).FirstOrDefaultAsync(ct);
        var during = await db.Set<PresenceChange>().AsNoTracking().Where(p => p.AgentId == agentId && p.At >= start && p.At < end)
            .OrderBy(p => p.At).ThenBy(p => p.Id).Select(p => new { p.At, p.Status }).ToListAsync(ct);
        return OnlineTime(before, [.. during.Select(p => (p.At, p.Status))], start, end);
    }

    /// <summary>The time spent online in [start, end), given the status at the start and the changes inside, in order.</summary>
    public static TimeSpan OnlineTime(AgentStatus? atStart, IReadOnlyList<(DateTime At, AgentStatus Status)> changes, DateTime start, DateTime end)
    {
        var online = TimeSpan.Zero;
        var since = start;
        var status = atStart ?? AgentStatus.Offline;
        foreach (var (at, next) in changes)
        {
            if (status == AgentStatus.Online)
            {
                online += at - since;
            }

            (since, status) = (at, next);
        }

        return status == AgentStatus.Online ? online + (end - since) : online;
    }

    private static string Hours(TimeSpan online) => $"{(int)online.TotalHours} h {online.Minutes} min";
}
