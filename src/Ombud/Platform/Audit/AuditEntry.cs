namespace Ombud.Platform.Audit;

/// <summary>One sensitive action: who did what to which thing, when. Rows are only ever added.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(Guid id, DateTime at, string actor, string action, string subject, string? detail)
    {
        Id = id;
        At = at;
        Actor = actor;
        Action = action;
        Subject = subject;
        Detail = detail;
    }

    public Guid Id { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>"user:&lt;id&gt;", "apikey:&lt;id&gt;" or "cli".</summary>
    public string Actor { get; private set; } = "";

    /// <summary>A dotted verb, e.g. <c>apikey.created</c>, <c>user.signed-in</c>.</summary>
    public string Action { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string? Detail { get; private set; }

    /// <summary>
    /// Erasure: the one change an audit row ever takes. Who did what when stays; a detail that carried the person's
    /// address or device (a sign-in's IP) is replaced.
    /// </summary>
    internal void RedactDetail(string removed) => Detail = Detail is null ? null : removed;
}
