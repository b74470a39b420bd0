using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Auth;

/// <summary>Authenticates provider systems by <c>Authorization: Bearer ombud_…</c>.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OmbudDb db,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    // A verified key is trusted for this long before the database is asked again; revocation takes effect within it.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!ApiKey.IsWellFormed(secret))
        {
            return AuthenticateResult.Fail("Not an Ombud API key.");
        }

        // Only verified keys are cached, under their hash: a failed look-up leaves nothing behind, so unknown keys
        // cannot fill the node's memory (the rate limiter bounds how often one address may try).
        var cacheKey = CacheKeyOf(ApiKey.HashOf(secret));
        if (!cache.TryGetValue(cacheKey, out System.Security.Claims.ClaimsPrincipal? principal) || principal is null)
        {
            var lookup = ApiKey.LookupOf(secret);
            var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Lookup == lookup, Context.RequestAborted);
            if (key is null || key.RevokedAt is not null || !key.Matches(secret))
            {
                return AuthenticateResult.Fail("Unknown or revoked API key.");
            }

            principal = Caller.ForKey(key, SchemeName);
            cache.Set(cacheKey, principal, CacheFor);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Where a verified key's principal is cached: under its hash, so a revocation can drop it.</summary>
    internal static string CacheKeyOf(string hash) => "apikey:" + hash;

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Status(StatusCodes.Status401Unauthorized, "An API key is required.",
                "Send 'Authorization: Bearer <key>' with a valid, unrevoked Ombud API key.")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Status(StatusCodes.Status403Forbidden, "The API key lacks the scope for this.",
                "Ask an admin for a key with the scope this endpoint needs (see the OpenAPI document).")
            .ExecuteAsync(Context);
}
