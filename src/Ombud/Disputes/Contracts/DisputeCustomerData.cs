using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Contracts;

/// <summary>
/// Disputes' part of a customer's data rights: their disputes with every step, and the evidence files both sides sent
/// (in the archive under <c>files/</c> by their stored names). An open dispute stands in the way of erasure: it is
/// still being decided, and both sides' rights depend on its record (GDPR art. 17(3)(e)).
/// </summary>
internal sealed class DisputeCustomerData(OmbudDb db) : ICustomerDataHolder
{
    public string Module => "disputes";

    public async Task<CustomerDataPart> ExportAsync(Guid customerId, CancellationToken ct)
    {
        var disputes = await db.Set<Dispute>().AsNoTracking().Where(d => d.CustomerId == customerId).OrderBy(d => d.ReportedAt).ToListAsync(ct);
        if (disputes.Count == 0)
        {
            return CustomerDataPart.Empty;
        }

        var ids = disputes.Select(d => d.Id).ToList();
        var files = await db.Set<EvidenceFile>().AsNoTracking().Where(f => ids.Contains(f.DisputeId)).OrderBy(f => f.UploadedAt).ToListAsync(ct);
        var sections = new Dictionary<string, object>
        {
            ["disputes"] = disputes,
            ["evidenceFiles"] = files.Select(f => new
            {
                f.Id, f.DisputeId, f.Party, f.UploadedBy, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt, f.IsRemoved,
                Path = f.IsRemoved ? null : $"files/{f.StoredName}",
            }).ToList(),
        };
        return new CustomerDataPart(sections, files.Where(f => !f.IsRemoved).ToDictionary(f => f.StoredName, f => f.Content),
            [.. ids.Select(id => $"dispute:{id}"), .. files.Select(f => $"file:{f.Id}")]);
    }

    public async Task<string?> ErasureBlockerAsync(Guid customerId, CancellationToken ct)
    {
        var open = await db.Set<Dispute>().CountAsync(d => d.CustomerId == customerId && d.ClosedAt == null, ct);
        return open == 0 ? null : $"the customer has {open} open dispute{(open == 1 ? "" : "s")}; erasure waits until {(open == 1 ? "it is" : "they are")} closed";
    }

    public async Task<ErasedRecords> EraseAsync(CustomerErasureScope scope, CancellationToken ct)
    {
        var disputes = await db.Set<Dispute>().Where(d => d.CustomerId == scope.CustomerId).ToListAsync(ct);
        foreach (var dispute in disputes)
        {
            dispute.RemoveText(CustomerErasureScope.Removed);
        }

        var ids = disputes.Select(d => d.Id).ToList();
        var files = await db.Set<EvidenceFile>().Where(f => ids.Contains(f.DisputeId)).ToListAsync(ct);
        foreach (var file in files)
        {
            file.RemoveContent(CustomerErasureScope.Removed);
        }

        return new ErasedRecords(disputes.Count + files.Count, [.. ids.Select(id => $"dispute:{id}"), .. files.Select(f => $"file:{f.Id}")]);
    }
}

/// <summary>Evidence of disputes closed more than <see cref="PrivacyOptions.EvidenceDays"/> ago loses its content and given name.</summary>
internal sealed class EvidenceRetention(OmbudDb db, IOptions<PrivacyOptions> options) : IRetentionRule
{
    public string Name => "evidence";

    /// <summary>Files are megabytes each: a few per firing keep the transaction short.</summary>
    private const int Batch = 20;

    public async Task<RetentionPass> ApplyAsync(DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-options.Value.EvidenceDays);
        var closed = db.Set<Dispute>().Where(d => d.ClosedAt != null && d.ClosedAt < cutoff).Select(d => d.Id);
        var files = await db.Set<EvidenceFile>().Where(f => closed.Contains(f.DisputeId) && f.FileName != CustomerErasureScope.Removed)
            .OrderBy(f => f.UploadedAt).Take(Batch + 1).ToListAsync(ct);
        foreach (var file in files.Take(Batch))
        {
            file.RemoveContent(CustomerErasureScope.Removed);
        }

        return new RetentionPass(Math.Min(files.Count, Batch), files.Count > Batch);
    }
}
