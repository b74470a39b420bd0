using Ombud.Platform.Storage;

namespace Ombud.Platform.Audit;

/// <summary>The one way to record a sensitive action. The entry joins the caller's unit of work, so it is saved with the change it describes.</summary>
public sealed class AuditLog(OmbudDb db, UnitOfWork unitOfWork, TimeProvider clock)
{
    public void Record(string actor, string action, string subject, string? detail = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(new AuditEntry(Guid.CreateVersion7(now), now, actor, action, subject, detail));
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
