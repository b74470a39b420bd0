using Ombud.Platform.Audit;
using Ombud.Platform.Auth;

namespace Ombud.Web.Account;

/// <summary>
/// The audit trail of sign-ins: who, how (password, demo, external provider), from which address, and why a failure
/// failed. The attempted email of an unknown account is not kept: people type passwords into that field.
/// </summary>
internal sealed class SignInAudit(AuditLog audit, IHttpContextAccessor http)
{
    public Task SignedInAsync(OmbudUser user, string method, CancellationToken cancellationToken) =>
        audit.RecordAloneAsync($"user:{user.Id}", "user.signed-in", $"user:{user.Id}", $"method={method}; ip={RemoteAddress()}", cancellationToken);

    public Task FailedAsync(OmbudUser? user, string method, string reason, CancellationToken cancellationToken) =>
        audit.RecordAloneAsync("anonymous", "user.sign-in-failed", user is null ? "user:unknown" : $"user:{user.Id}",
            $"method={method}; reason={reason}; ip={RemoteAddress()}", cancellationToken);

    public Task SignedOutAsync(OmbudUser user, CancellationToken cancellationToken) =>
        audit.RecordAloneAsync($"user:{user.Id}", "user.signed-out", $"user:{user.Id}", null, cancellationToken);

    private string RemoteAddress() => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
