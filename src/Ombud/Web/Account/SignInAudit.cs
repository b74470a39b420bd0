using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Web.Account;

/// <summary>
/// The audit trail of sign-ins: who, how (password, demo, external provider), from which address, and why a failure
/// failed. The attempted email of an unknown account is not kept: people type passwords into that field.
/// </summary>
internal sealed class SignInAudit(AuditLog audit, OmbudDb db, IHttpContextAccessor http)
{
    public Task SignedInAsync(OmbudUser user, string method, CancellationToken cancellationToken)
    {
        audit.Record($"user:{user.Id}", "user.signed-in", $"user:{user.Id}", $"method={method}; ip={RemoteAddress()}");
        return db.SaveChangesAsync(cancellationToken);
    }

    public Task FailedAsync(OmbudUser? user, string method, string reason, CancellationToken cancellationToken)
    {
        var subject = user is null ? "user:unknown" : $"user:{user.Id}";
        audit.Record("anonymous", "user.sign-in-failed", subject, $"method={method}; reason={reason}; ip={RemoteAddress()}");
        return db.SaveChangesAsync(cancellationToken);
    }

    public Task SignedOutAsync(OmbudUser user, CancellationToken cancellationToken)
    {
        audit.Record($"user:{user.Id}", "user.signed-out", $"user:{user.Id}");
        return db.SaveChangesAsync(cancellationToken);
    }

    private string RemoteAddress() => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
