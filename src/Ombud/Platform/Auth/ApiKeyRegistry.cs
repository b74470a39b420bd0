using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Auth;

/// <summary>A key as an admin sees it: never its secret, which is not stored.</summary>
public sealed record ApiKeySummary(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime? RevokedAt)
{
    internal static ApiKeySummary Of(ApiKey key) => new(key.Id, key.Name, key.ScopeList, key.CreatedAt, key.RevokedAt);
}

/// <summary>A key just made: <see cref="Secret"/> is shown to its maker once and then exists nowhere in Ombud.</summary>
public sealed record CreatedApiKey(ApiKeySummary Key, string Secret);

/// <summary>Making, listing and revoking API keys: one place for the CLI, the admin API and the admin page, each audited.</summary>
public sealed class ApiKeyRegistry(OmbudDb db, UnitOfWork unitOfWork, AuditLog audit, TimeProvider clock, IMemoryCache verifiedKeys)
{
    public const int MaxNameLength = 100;
    public const int MaxScopes = 20;

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken ct) =>
        (await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct)).Select(ApiKeySummary.Of).ToList();

    public async Task<Outcome<CreatedApiKey>> CreateAsync(string actor, string? name, IReadOnlyCollection<string>? scopes, CancellationToken ct)
    {
        var check = new Validation().Require("name", name?.Trim(), MaxNameLength);
        if (scopes is null || scopes.Count == 0 || scopes.Count > MaxScopes)
        {
            check.Add("scopes", $"One to {MaxScopes} scopes: {Scopes.Ingest}, {Scopes.Risk}, {Scopes.Admin} or {Scopes.MerchantPrefix}<merchant id>.");
        }
        else
        {
            foreach (var scope in scopes.Where(s => s is null || !Scopes.IsValid(s)))
            {
                check.Add("scopes", $"'{scope}' is not a scope. Use {Scopes.Ingest}, {Scopes.Risk}, {Scopes.Admin} or {Scopes.MerchantPrefix}<merchant id>.");
            }
        }

        if (!check.IsValid)
        {
            return check.ToError();
        }

        var (key, secret) = ApiKey.Create(name!.Trim(), scopes!, clock.GetUtcNow().UtcDateTime);
        var created = await unitOfWork.RunAsync(_ =>
        {
            db.ApiKeys.Add(key);
            audit.Record(actor, "apikey.created", $"apikey:{key.Id}", $"name={key.Name}; scopes={key.Scopes}");
            return Task.CompletedTask;
        }, ct, "The API key");
        return created.Succeeded ? new CreatedApiKey(ApiKeySummary.Of(key), secret) : created.Error!;
    }

    /// <summary>
    /// Revokes a key. This node refuses it at once; other nodes within the 30 s they trust a verified key for.
    /// Revoking a revoked key answers it as it is.
    /// </summary>
    public async Task<Outcome<ApiKeySummary>> RevokeAsync(string actor, Guid id, CancellationToken ct)
    {
        var revoked = await unitOfWork.RunAsync(async token =>
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, token);
            if (key is null)
            {
                return new NotFound("API key", id.ToString());
            }

            if (key.RevokedAt is null)
            {
                key.Revoke(clock.GetUtcNow().UtcDateTime);
                audit.Record(actor, "apikey.revoked", $"apikey:{key.Id}", $"name={key.Name}");
            }

            return (Outcome<ApiKey>)key;
        }, ct, "The API key");
        if (!revoked.Succeeded)
        {
            return revoked.Error!;
        }

        verifiedKeys.Remove(ApiKeyAuthentication.CacheKeyOf(revoked.Value!.Hash));
        return ApiKeySummary.Of(revoked.Value);
    }
}
