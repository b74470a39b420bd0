using Ombud.Platform.Storage;

namespace Ombud.Platform.Audit;

/// <summary>The one way to record a sensitive action. The entry joins the caller's unit of work, so it is saved with the change it describes.</summary>
public sealed class AuditLog(OmbudDb db, TimeProvider clock)
{
    public void Record(string actor, string action, string subject, string? detail = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(new AuditEntry(Guid.CreateVersion7(now), now, actor, action, subject, detail));
    }
}
