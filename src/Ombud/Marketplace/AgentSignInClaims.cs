using System.Security.Claims;
using Ombud.Marketplace.Storage;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace;

/// <summary>
/// Puts the agent a person works as on their principal at sign-in (<see cref="CallerClaims.Agent"/>), and whether they
/// are of the staff tier (<see cref="CallerClaims.StaffAgent"/>), so the console, its hub and the API know it without
/// looking it up on every call. The session check asks again on every request with a cookie, so someone registered as
/// an agent after signing in carries it from their next request. Only an account with the agent role works as an agent
/// (the console, its hub and the offers API ask for the role), so no other account is looked up among the agents: a
/// shopper's every request would read the agents' table for nothing.
/// </summary>
internal sealed class AgentSignInClaims(OmbudDb db) : ISignInClaims
{
    public IReadOnlyCollection<string> ClaimTypes { get; } = [CallerClaims.Agent, CallerClaims.StaffAgent];

    public async Task AddAsync(string userId, ClaimsIdentity identity)
    {
        if (identity.HasClaim(identity.RoleClaimType, Roles.Agent)
            && await CycleReads.For(db).AgentTierOfUser(db, userId, CancellationToken.None) is { } agent)
        {
            identity.AddClaim(new Claim(CallerClaims.Agent, agent.Id.ToString()));
            if (agent.Tier == AgentTier.Staff)
            {
                identity.AddClaim(new Claim(CallerClaims.StaffAgent, "true"));
            }
        }
    }
}
