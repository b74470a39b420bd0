using System.Security.Claims;

namespace Ombud.Platform.Auth;

/// <summary>
/// Who is calling, the same for an API key, a signed-in page and a hub connection: the actor written into the audit
/// log and the customer, merchants and agent the caller acts for. All of it comes from claims set once, at sign-in
/// (<see cref="SignInClaims"/>) or when a key is verified, never from the request and never from a per-call look-up.
/// </summary>
/// <param name="Actor">The audit log's name for the caller: <c>user:&lt;id&gt;</c> or <c>apikey:&lt;id&gt;</c>.</param>
/// <param name="UserId">The signed-in person's account id; null for a key.</param>
/// <param name="KeyId">The API key's id; null for a person.</param>
/// <param name="CustomerId">The customer a shopper is.</param>
/// <param name="MerchantIds">The merchants a merchant's staff member or a merchant key speaks for.</param>
/// <param name="AgentId">The agent a person works as in the marketplace.</param>
public sealed record Caller(
    string Actor,
    string? UserId,
    Guid? KeyId,
    Guid? CustomerId,
    IReadOnlyList<Guid> MerchantIds,
    Guid? AgentId,
    ClaimsPrincipal Principal)
{
    private const string KeyPrefix = "apikey:";

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public bool HasScope(string scope) => Principal.HasClaim(Scopes.ClaimType, scope);

    /// <summary>The caller a principal stands for; null when it is not signed in.</summary>
    /// <remarks>
    /// The claims are read in one pass: every API request binds its caller, and a look-up per claim type plus a LINQ
    /// chain for the merchants showed among the bytes each risk decision allocated (docs/benchmarks.md).
    /// </remarks>
    public static Caller? Of(ClaimsPrincipal principal)
    {
        string? id = null, customer = null, agent = null;
        List<Guid>? merchants = null;
        foreach (var claim in principal.Claims)
        {
            // The first claim of a type counts, compared as ClaimsPrincipal.FindFirst compares types.
            if (Is(claim, ClaimTypes.NameIdentifier))
            {
                id ??= claim.Value;
            }
            else if (Is(claim, CallerClaims.Customer))
            {
                customer ??= claim.Value;
            }
            else if (Is(claim, CallerClaims.Agent))
            {
                agent ??= claim.Value;
            }
            else if (Is(claim, CallerClaims.Merchant) && Guid.TryParse(claim.Value, out var merchant) && !(merchants ??= []).Contains(merchant))
            {
                merchants.Add(merchant);
            }
        }

        if (id is null)
        {
            return null;
        }

        var keyId = KeyIdOf(id);
        return new Caller(ActorOf(id, keyId), keyId is null ? id : null, keyId, IdOf(customer), merchants ?? [], IdOf(agent), principal);
    }

    /// <summary>
    /// Just the <see cref="Actor"/> of a principal and whether it is a key, without building the whole caller: for
    /// what runs on every request and needs no more (the rate limiter); null when it is not signed in.
    /// </summary>
    public static (string Actor, bool IsKey)? ActorOf(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }

        var keyId = KeyIdOf(id);
        return (ActorOf(id, keyId), keyId is not null);
    }

    /// <summary>A key's actor is its id claim as it stands (<c>apikey:&lt;id&gt;</c>); a person's is <c>user:&lt;id&gt;</c>.</summary>
    private static string ActorOf(string id, Guid? keyId) => keyId is null ? $"user:{id}" : id;

    private static Guid? KeyIdOf(string id) =>
        id.StartsWith(KeyPrefix, StringComparison.Ordinal) && Guid.TryParse(id.AsSpan(KeyPrefix.Length), out var key) ? key : null;

    /// <summary>Lets a minimal API endpoint take the caller as a parameter; authorisation has run by then.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(Of(context.User));

    /// <summary>The principal of an API key, with its merchant scopes also as merchant claims.</summary>
    internal static ClaimsPrincipal ForKey(ApiKey key, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, KeyPrefix + key.Id), new(ClaimTypes.Name, key.Name) };
        foreach (var scope in key.ScopeList)
        {
            claims.Add(new Claim(Scopes.ClaimType, scope));
            if (scope.StartsWith(Scopes.MerchantPrefix, StringComparison.Ordinal))
            {
                claims.Add(new Claim(CallerClaims.Merchant, scope[Scopes.MerchantPrefix.Length..]));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static bool Is(Claim claim, string type) => string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase);

    private static Guid? IdOf(string? value) => Guid.TryParse(value, out var id) ? id : null;
}

/// <summary>The claims that tie a caller to the parties it acts for.</summary>
public static class CallerClaims
{
    public const string Customer = "ombud:customer";
    public const string Merchant = "ombud:merchant";
    public const string Agent = "ombud:agent";

    /// <summary>Set on an agent of the provider's own staff (not a gig agent), who may use the staff desk (<see cref="Policies.StaffDesk"/>).</summary>
    public const string StaffAgent = "ombud:staff-agent";

    /// <summary>Set on a demo account's session, so a node outside demo mode refuses it (<see cref="DemoMode"/>).</summary>
    public const string Demo = "ombud:demo";
}
