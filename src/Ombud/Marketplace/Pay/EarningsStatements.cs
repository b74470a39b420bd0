using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace.Quality;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// An agent's own earnings for a period: every entry (newest first, a page at a time), totals per day and per ISO week
/// (floor top-ups shown apart), their rating and their QA scores. Only ever the agent's own: the caller names no agent.
/// </summary>
internal sealed class EarningsStatements(OmbudDb db)
{
    public async Task<EarningsStatement> ForAgentAsync(Guid agentId, PayPeriod period, Guid? after, int limit, CancellationToken ct)
    {
        var entries = await db.Set<EarningsEntry>().AsNoTracking()
            .Where(e => e.AgentId == agentId && e.Day >= period.From && e.Day <= period.To).ToListAsync(ct);
        var page = entries.Where(e => after is null || e.Id.CompareTo(after.Value) < 0).OrderByDescending(e => e.Id).Take(limit + 1).ToList();
        var agent = await db.Set<Agent>().AsNoTracking().Where(a => a.Id == agentId).Select(a => new { a.Rating }).SingleAsync(ct);
        var reviews = await db.Set<QaReview>().AsNoTracking().Where(r => r.AgentId == agentId && r.ScoredAt != null).ToListAsync(ct);
        return new EarningsStatement(agentId, period.From, period.To,
            [.. entries.GroupBy(e => e.Currency).Select(g => Total(g.Key, g.Key, period.From, g))],
            [.. entries.GroupBy(e => (e.Day, e.Currency)).OrderByDescending(g => g.Key.Day)
                .Select(g => Total(g.Key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Key.Currency, g.Key.Day, g))],
            [.. entries.GroupBy(e => (Monday: WeekStart(e.Day), e.Currency)).OrderByDescending(g => g.Key.Monday)
                .Select(g => Total(WeekName(g.Key.Monday), g.Key.Currency, g.Key.Monday, g))],
            Cursor.PageOf(page, limit, e => e.Id, Line),
            agent.Rating,
            [.. reviews.OrderByDescending(r => r.ScoredAt).Select(QaScoreView.Of)]);
    }

    private static EarningsLine Line(EarningsEntry e) =>
        new(e.Id, e.Kind, e.Day, e.At, e.ConversationId, e.Currency, e.BaseMinor, e.ComplexityMinor, e.SurgePerMille, e.SurgeMinor, e.BonusMinor,
            e.FloorTopUpMinor, e.TotalMinor, e.Note);

    private static EarningsTotal Total(string period, string currency, DateOnly from, IEnumerable<EarningsEntry> entries)
    {
        var list = entries.ToList();
        return new EarningsTotal(period, from, currency, list.Count(e => e.Kind == EarningsKind.Conversation), list.Sum(e => e.TotalMinor),
            list.Sum(e => e.FloorTopUpMinor));
    }

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string WeekName(DateOnly monday)
    {
        var at = monday.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(at)}-W{ISOWeek.GetWeekOfYear(at):00}";
    }
}

/// <summary>
/// An agent's earnings for a period: totals for the whole period, per day and per ISO week (one row per currency),
/// a page of entries, the rating dispatch ranks them by (from CSAT; null until rated), and their QA scores.
/// </summary>
public sealed record EarningsStatement(
    Guid AgentId,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<EarningsTotal> Totals,
    IReadOnlyList<EarningsTotal> Days,
    IReadOnlyList<EarningsTotal> Weeks,
    Page<EarningsLine> Entries,
    double? Rating,
    IReadOnlyList<QaScoreView> QaScores);

/// <summary>What a period (a day, a week, the whole) paid: conversations paid, the total, and how much of it was floor top-up.</summary>
public sealed record EarningsTotal(string Period, DateOnly From, string Currency, int Conversations, long TotalMinor, long FloorTopUpMinor);

/// <summary>One ledger entry, in minor units of <see cref="Currency"/>; the note says why.</summary>
public sealed record EarningsLine(
    Guid Id, EarningsKind Kind, DateOnly Day, DateTime At, Guid? ConversationId, string Currency, long BaseMinor, long ComplexityMinor,
    int SurgePerMille, long SurgeMinor, long BonusMinor, long FloorTopUpMinor, long TotalMinor, string Note);
