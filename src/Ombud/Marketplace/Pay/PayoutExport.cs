using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// What to pay each agent for a period, as a CSV for the payroll: per agent and currency, the conversations paid and
/// each part of the pay in minor units, and the total formatted too. Every export is audited (<c>payout.exported</c>).
/// </summary>
internal sealed class PayoutExport(OmbudDb db, AuditLog audit)
{
    public async Task<IReadOnlyList<PayoutRow>> RowsAsync(PayPeriod period, CancellationToken ct)
    {
        var sums = await db.Set<EarningsEntry>().AsNoTracking().Where(e => e.Day >= period.From && e.Day <= period.To)
            .GroupBy(e => new { e.AgentId, e.Currency })
            .Select(g => new
            {
                g.Key.AgentId,
                g.Key.Currency,
                Conversations = g.Count(e => e.Kind == EarningsKind.Conversation),
                Base = g.Sum(e => e.BaseMinor),
                Complexity = g.Sum(e => e.ComplexityMinor),
                Surge = g.Sum(e => e.SurgeMinor),
                Bonus = g.Sum(e => e.BonusMinor),
                Floor = g.Sum(e => e.FloorTopUpMinor),
                Total = g.Sum(e => e.TotalMinor),
            }).ToListAsync(ct);
        var ids = sums.Select(s => s.AgentId).Distinct().ToList();
        var names = await db.Set<Agent>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        return [.. sums.Select(s => new PayoutRow(s.AgentId, names.GetValueOrDefault(s.AgentId) ?? "?", s.Currency, s.Conversations, s.Base, s.Complexity,
                s.Surge, s.Bonus, s.Floor, s.Total, new Money(s.Total, s.Currency).ToString()))
            .OrderBy(r => r.AgentName, StringComparer.Ordinal).ThenBy(r => r.AgentId).ThenBy(r => r.Currency, StringComparer.Ordinal)];
    }

    /// <summary>The CSV (RFC 4180, a header row, invariant numbers), and the export written into the audit log.</summary>
    public async Task<string> CsvAsync(PayPeriod period, string actor, CancellationToken ct)
    {
        var rows = await RowsAsync(period, ct);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A name starting with =, +, - or @ is escaped: a spreadsheet opening the file must not run it as a formula.
        await using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            await csv.WriteRecordsAsync(rows, ct);
        }

        await audit.RecordAloneAsync(actor, "payout.exported", "payouts", $"{period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}, agents: {rows.Count}", ct);
        return text.ToString();
    }

    public static string FileName(PayPeriod period) => $"payouts-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}.csv";
}

/// <summary>One agent's pay in one currency for the period; amounts in minor units, <see cref="Formatted"/> the total for people.</summary>
public sealed record PayoutRow(Guid AgentId, string AgentName, string Currency, int Conversations, long BaseMinor, long ComplexityMinor, long SurgeMinor,
    long BonusMinor, long FloorTopUpMinor, long TotalMinor, string Formatted);
