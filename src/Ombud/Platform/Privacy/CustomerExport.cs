using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Privacy;

/// <summary>
/// Everything Ombud holds about one customer, as one zip: <c>customer.json</c> (every module's records and the audit
/// entries about them, reads included) and <c>files/</c> (evidence, under the names it is stored as). Every export is
/// audited: who, for whom, when, what.
/// </summary>
public sealed class CustomerExport(IEnumerable<ICustomerDataHolder> holders, OmbudDb db, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes the archive to <paramref name="archive"/>; NotFound (nothing written) for a customer nobody holds.</summary>
    /// <param name="actor">Who asked, as the audit log names them (<c>user:…</c>, <c>apikey:…</c>, <c>cli</c>).</param>
    /// <param name="progress">Told what is being gathered, for an operator watching.</param>
    public async Task<Outcome<CustomerArchive>> WriteAsync(Guid customerId, string actor, Stream archive, Action<string>? progress, CancellationToken ct)
    {
        var sections = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holder in holders.OrderBy(h => h.Module, StringComparer.Ordinal))
        {
            progress?.Invoke($"Gathering {holder.Module} …");
            var part = await holder.ExportAsync(customerId, ct);
            foreach (var (name, records) in part.Sections)
            {
                sections[$"{holder.Module}.{name}"] = records;
            }

            foreach (var (path, bytes) in part.Files)
            {
                files[path] = bytes;
            }

            subjects.UnionWith(part.AuditSubjects);
        }

        if (sections.Count == 0)
        {
            return new NotFound("customer", customerId.ToString());
        }

        progress?.Invoke("Gathering the audit log …");
        var subjectList = subjects.ToList();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => subjectList.Contains(e.Subject)).OrderBy(e => e.At).ToListAsync(ct);
        sections["platform.auditEntries"] = entries;

        var now = clock.GetUtcNow().UtcDateTime;
        var document = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["customerId"] = customerId,
            ["exportedAt"] = now,
            ["format"] = "ombud-customer-export/1",
            ["files"] = files.Keys.Select(p => $"files/{p}").ToList(),
            ["sections"] = sections,
        };

        progress?.Invoke($"Writing customer.json and {files.Count} file{(files.Count == 1 ? "" : "s")} …");
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var json = await zip.CreateEntry("customer.json", CompressionLevel.Optimal).OpenAsync(ct))
            {
                await JsonSerializer.SerializeAsync(json, document, Json, ct);
            }

            foreach (var (path, bytes) in files)
            {
                await using var entry = await zip.CreateEntry($"files/{path}", CompressionLevel.Optimal).OpenAsync(ct);
                await entry.WriteAsync(bytes, ct);
            }
        }

        var counts = sections.Select(s => $"{s.Key}={(s.Value is System.Collections.ICollection c ? c.Count : 1)}");
        await audit.RecordAloneAsync(actor, "privacy.exported", $"customer:{customerId}", $"{string.Join(", ", counts)}; files={files.Count}", ct);
        return new CustomerArchive(customerId, sections.ToDictionary(s => s.Key, s => s.Value is System.Collections.ICollection c ? c.Count : 1), files.Count);
    }

    /// <summary>The file name an archive is offered under.</summary>
    public static string FileNameOf(Guid customerId) => $"ombud-customer-{customerId:D}.zip";
}

/// <summary>What an export held: records per section and how many files.</summary>
public sealed record CustomerArchive(Guid CustomerId, IReadOnlyDictionary<string, int> Records, int Files);
