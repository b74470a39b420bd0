using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Rings;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Contracts;

/// <summary>
/// Fraud's part of a customer's data rights: the risk decisions on their orders with the reasons given (the right to
/// know about automated decisions), the fraud cases about them with every timeline entry and the files kept as
/// evidence (under <c>files/</c>), and the rings they were found in (without the other members). An unfinished case
/// stands in the way of erasure, as an open dispute does: it is still being decided (GDPR art. 17(3)(e)). Erasure
/// removes the words and files and keeps amounts, dates, liability and ids, so recoveries and write-offs still add up.
/// </summary>
internal sealed class FraudCustomerData(OmbudDb db) : ICustomerDataHolder
{
    public string Module => "fraud";

    public async Task<CustomerDataPart> ExportAsync(Guid customerId, CancellationToken ct)
    {
        var decisions = await db.Set<FraudDecision>().AsNoTracking().Where(d => d.CustomerId == customerId).OrderBy(d => d.DecidedAt).ToListAsync(ct);
        var cases = await db.Set<FraudCase>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.OpenedAt).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var entries = await db.Set<CaseEntry>().AsNoTracking().Where(e => ids.Contains(e.CaseId)).OrderBy(e => e.CaseId).ThenBy(e => e.At).ToListAsync(ct);
        var rings = await RingsOfAsync(customerId, ct);
        if (decisions.Count == 0 && cases.Count == 0 && rings.Count == 0)
        {
            return CustomerDataPart.Empty;
        }

        var kept = entries.Where(e => e.FileContent is { Length: > 0 }).ToList();
        var sections = new Dictionary<string, object>
        {
            ["riskDecisions"] = decisions.Select(d => new { d.Id, d.OrderId, d.Outcome, d.Score, Reasons = JsonDocument.Parse(d.ReasonsJson).RootElement, d.Basis, d.Trigger, d.DecidedAt })
                .ToList(),
            ["fraudCases"] = cases,
            ["fraudCaseEntries"] = entries.Select(e => new
            {
                e.Id, e.CaseId, e.Kind, e.Actor, e.At, e.Text, e.AmountMinor, e.Link, e.FileName, e.FileContentType, e.FileSizeBytes, e.FileSha256,
                Path = e.FileContent is { Length: > 0 } ? $"files/{FileName(e)}" : null,
            }).ToList(),
            ["fraudRings"] = rings.Select(r => new { r.Id, r.FirstFoundAt, r.FoundAt, r.CustomerCount, r.SharedKinds }).ToList(),
        };
        return new CustomerDataPart(sections, kept.ToDictionary(FileName, e => e.FileContent!), [.. ids.Select(id => $"fraud-case:{id}")]);
    }

    public async Task<string?> ErasureBlockerAsync(Guid customerId, CancellationToken ct)
    {
        var open = await db.Set<FraudCase>().CountAsync(c => c.CustomerId == customerId && c.State != CaseState.Closed, ct);
        return open == 0 ? null : $"the customer has {open} unfinished fraud case{(open == 1 ? "" : "s")}; erasure waits until {(open == 1 ? "it is" : "they are")} closed";
    }

    public async Task<ErasedRecords> EraseAsync(CustomerErasureScope scope, CancellationToken ct)
    {
        var cases = await db.Set<FraudCase>().Where(c => c.CustomerId == scope.CustomerId).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var entries = await db.Set<CaseEntry>().Where(e => ids.Contains(e.CaseId)).ToListAsync(ct);
        foreach (var found in cases)
        {
            found.RemoveText(CustomerErasureScope.Removed);
        }

        foreach (var entry in entries)
        {
            entry.RemoveContent(CustomerErasureScope.Removed);
        }

        return new ErasedRecords(cases.Count + entries.Count, [.. ids.Select(id => $"fraud-case:{id}")]);
    }

    /// <summary>Rings keep their members as a JSON list of ids: the text match narrows, the parsed list decides.</summary>
    private async Task<List<FraudRing>> RingsOfAsync(Guid customerId, CancellationToken ct)
    {
        var text = customerId.ToString();
        var candidates = await db.Set<FraudRing>().AsNoTracking().Where(r => r.MembersJson.Contains(text)).ToListAsync(ct);
        return [.. candidates.Where(r => r.Members.Contains(customerId)).OrderBy(r => r.FirstFoundAt)];
    }

    private static string FileName(CaseEntry entry) => $"fraud-{entry.Id:N}-{Path.GetFileName(entry.FileName ?? "file")}";
}
