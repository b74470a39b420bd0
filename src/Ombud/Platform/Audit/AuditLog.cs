using Ombud.Platform.Storage;

namespace Ombud.Platform.Audit;

/// <summary>The one way to record a sensitive action. The entry joins the caller's unit of work, so it is saved with the change it describes.</summary>
/// <remarks>When the unit of work has staged rows (<see cref="StagedRows"/>, a lean write path), the entry is staged with them, so it costs no round trip of its own.</remarks>
public sealed class AuditLog(OmbudDb db, UnitOfWork unitOfWork, StagedRows staged, TimeProvider clock)
{
    internal static readonly RowTable Entries = new("platform_audit_log",
        RowColumn.Id("Id"), RowColumn.Instant("At"), RowColumn.Text("Actor"), RowColumn.Text("Action"), RowColumn.Text("Subject"), RowColumn.Text("Detail"));

    public void Record(string actor, string action, string subject, string? detail = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new AuditEntry(Guid.CreateVersion7(now), now, actor, action, subject, detail);
        if (staged.IsEmpty)
        {
            db.AuditEntries.Add(entry);
        }
        else
        {
            staged.Add(Entries, entry.Id, entry.At, entry.Actor, entry.Action, entry.Subject, entry.Detail);
        }
    }

    /// <summary>
    /// Records an action that changes nothing else (a read of evidence, a sign-in) as a unit of work of its own, queued
    /// like any write; inside a caller's unit of work it joins that one instead.
    /// </summary>
    public async Task RecordAloneAsync(string actor, string action, string subject, string? detail, CancellationToken ct) =>
        await unitOfWork.RunAsync(_ =>
        {
            Record(actor, action, subject, detail);
            return Task.CompletedTask;
        }, ct, "The audit log");
}
