using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.Pay;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// Works out the <see cref="SupplySnapshot"/> from the database in a few queries: the waiting places, the arrivals of the
/// window, the online agents and their certified skills, the handle times of the last hour, and the level the last
/// review recorded. Read through <see cref="SupplyCache"/> by the pages and the wait estimates; the review reads it fresh.
/// </summary>
internal sealed class SupplyAndDemand(OmbudDb db, IOptions<SurgeOptions> options, IOptions<PayOptions> pay, TimeProvider clock)
{
    /// <summary>The most recent conversations the handle time is the mean of.</summary>
    private const int HandleSample = 200;

    private SurgeOptions Options => options.Value;

    public string Market => pay.Value.AgentMarket;

    public async Task<SupplySnapshot> TakeAsync(CancellationToken ct) => (await ReadAsync(ct)).Snapshot;

    /// <summary>The snapshot with what it was worked out from that the wait estimates need: each open place, each online agent.</summary>
    public async Task<SupplyReading> ReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var places = await db.Set<QueueEntry>().AsNoTracking()
            .Where(e => e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Offered)
            .Select(e => new OpenPlace(e.Id, e.Skill, e.Language, e.Urgency, e.EnqueuedAt, e.Status)).ToListAsync(ct);
        var groups = places.GroupBy(p => (p.Skill, p.Language)).Select(g => new WaitingGroup(g.Key.Skill, g.Key.Language, g.Count()))
            .OrderBy(g => g.Skill).ThenBy(g => g.Language, StringComparer.Ordinal).ToList();
        var waiting = places.Count;
        var held = await db.Set<QueueEntry>().CountAsync(e => e.Status == QueueEntryStatus.Assigned, ct);

        var windowStart = now.AddMinutes(-Options.ArrivalWindowMinutes);
        var arrivals = await db.Set<QueueEntry>().AsNoTracking().Where(e => e.EnqueuedAt >= windowStart && e.EnqueuedAt <= now)
            .Select(e => e.EnqueuedAt).ToListAsync(ct);
        var perMinute = (double)arrivals.Count / Options.ArrivalWindowMinutes;
        var forecast = Forecast(arrivals, now);

        var online = await db.Set<Agent>().AsNoTracking().Where(a => a.Status == AgentStatus.Online)
            .Select(a => new { a.Id, a.Tier, a.MaxConversations, a.ActiveConversations, a.PendingOffers }).ToListAsync(ct);
        var ids = online.Select(a => a.Id).ToList();
        var free = online.ToDictionary(a => a.Id, a => Math.Max(0, a.MaxConversations - a.ActiveConversations - a.PendingOffers));
        var skills = await db.Set<AgentSkill>().AsNoTracking().Where(s => ids.Contains(s.AgentId) && s.CertifiedAt != null)
            .Select(s => new { s.AgentId, s.Skill }).ToListAsync(ct);
        var bySkill = skills.GroupBy(s => s.Skill).OrderBy(g => g.Key)
            .Select(g => new SkillSupply(g.Key, g.Count(), g.Sum(s => free[s.AgentId]))).ToList();
        var capacity = online.Sum(a => a.MaxConversations);
        var certified = skills.ToLookup(s => s.AgentId, s => s.Skill);
        var agents = online.Select(a => new OnlineAgent(a.Id, a.Tier, a.MaxConversations, free[a.Id], certified[a.Id].ToHashSet())).ToList();

        var handle = await HandleSecondsAsync(now, ct);
        var demand = SupplySnapshot.Demand(held, waiting, forecast, handle);
        int? pressure = capacity == 0 && demand > 0 ? null : SurgeRules.Pressure(demand, capacity);
        var state = await db.Set<SurgeState>().AsNoTracking().SingleOrDefaultAsync(s => s.Market == Market, ct);
        var snapshot = new SupplySnapshot(now, Market, waiting, groups, Math.Round(perMinute, 2), Math.Round(forecast, 2), online.Count, capacity,
            free.Values.Sum(), held, bySkill, handle, pressure, state?.Level ?? SurgeLevel.None, state?.PerMille ?? SurgeMultipliers.None,
            state?.Since ?? now, capacity > 0 ? Rounded(SupplySnapshot.ErlangCWait(forecast, handle, capacity)) : null);
        return new SupplyReading(snapshot, places, agents);
    }

    /// <summary>The recent handle time: the mean time from assignment to the end of the latest conversations of the window.</summary>
    public async Task<int> HandleSecondsAsync(DateTime now, CancellationToken ct)
    {
        var since = now.AddMinutes(-Options.HandleWindowMinutes);
        var recent = await db.Set<QueueEntry>().AsNoTracking()
            .Where(e => e.Status == QueueEntryStatus.Finished && e.AssignedAt != null && e.EndedAt >= since)
            .OrderByDescending(e => e.EndedAt).Take(HandleSample).Select(e => new { e.AssignedAt, e.EndedAt }).ToListAsync(ct);
        return recent.Count == 0
            ? Options.DefaultHandleSeconds
            : Math.Max(1, (int)Math.Round(recent.Average(e => (e.EndedAt!.Value - e.AssignedAt!.Value).TotalSeconds)));
    }

    /// <summary>Exponentially weighted arrivals per minute over the window's minutes, oldest first, so the latest minutes weigh most.</summary>
    private double Forecast(List<DateTime> arrivals, DateTime now)
    {
        var minutes = Options.ArrivalWindowMinutes;
        var counts = new int[minutes];
        foreach (var at in arrivals)
        {
            var ago = (int)Math.Floor((now - at).TotalMinutes);
            counts[minutes - 1 - Math.Clamp(ago, 0, minutes - 1)]++;
        }

        var weight = Options.ForecastWeightPerMille / 1000.0;
        var forecast = (double)arrivals.Count / minutes;
        foreach (var count in counts)
        {
            forecast = weight * count + (1 - weight) * forecast;
        }

        return forecast;
    }

    private static double? Rounded(double? seconds) => seconds is { } s ? Math.Round(s, 1) : null;
}

/// <summary>A snapshot and what it was worked out from that the wait estimates need.</summary>
internal sealed record SupplyReading(SupplySnapshot Snapshot, IReadOnlyList<OpenPlace> Places, IReadOnlyList<OnlineAgent> Online);

/// <summary>A place waiting for a person, or offered to one now.</summary>
internal sealed record OpenPlace(Guid Id, Skill Skill, string Language, HandOffUrgency Urgency, DateTime EnqueuedAt, QueueEntryStatus Status);

/// <summary>An online agent: tier, capacity, what is free of it, the skills they are certified in.</summary>
internal sealed record OnlineAgent(Guid Id, AgentTier Tier, int MaxConversations, int FreeCapacity, IReadOnlySet<Skill> Skills);
