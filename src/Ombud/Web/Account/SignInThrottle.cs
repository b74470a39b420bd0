using System.Threading.RateLimiting;
using Ombud.Platform.Http;

namespace Ombud.Web.Account;

/// <summary>
/// Wrong passwords counted per account and address, in place of Identity's lockout: the account's owner, signing in from
/// elsewhere, is never locked out by a stranger guessing at it; the stranger's address waits out the window. The email
/// is counted whether or not an account has it, so the answer says nothing about which addresses have accounts.
/// Per node, in memory: several nodes each allow the limit (the per-address rate limit still applies on each).
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private const int LongestEmail = 256;
    private readonly PartitionedRateLimiter<string> _failures;

    public SignInThrottle(RateLimitOptions options)
    {
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.SignInFailuresPerAccountAndAddress,
                Window = TimeSpan.FromSeconds(options.SignInFailureWindowSeconds),
                QueueLimit = 0,
            }));
    }

    /// <summary>True when this address has used up its wrong passwords for this email.</summary>
    public bool IsHeld(string email, HttpContext http)
    {
        using var lease = _failures.AttemptAcquire(Key(email, http), permitCount: 0);
        return !lease.IsAcquired;
    }

    public void Failed(string email, HttpContext http) => _failures.AttemptAcquire(Key(email, http)).Dispose();

    private static string Key(string email, HttpContext http)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return $"{RateLimits.Address(http)}|{(normalized.Length > LongestEmail ? normalized[..LongestEmail] : normalized)}";
    }

    public void Dispose() => _failures.Dispose();
}
