using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace;

/// <summary>
/// Puts the agent a person works as on their principal at sign-in (<see cref="CallerClaims.Agent"/>), so the console,
/// its hub and the API know it without looking it up on every call. Someone registered as an agent after signing in
/// gets it when Identity next re-validates the session, or on their next sign-in.
/// </summary>
internal sealed class AgentSignInClaims(OmbudDb db) : ISignInClaims
{
    public async Task AddAsync(OmbudUser user, ClaimsIdentity identity)
    {
        var agent = await db.Set<Agent>().AsNoTracking().Where(a => a.UserId == user.Id).Select(a => new { a.Id, a.Tier }).SingleOrDefaultAsync();
        if (agent is not null)
        {
            identity.AddClaim(new Claim(CallerClaims.Agent, agent.Id.ToString()));
            if (agent.Tier == AgentTier.Staff)
            {
                identity.AddClaim(new Claim(CallerClaims.StaffAgent, "true"));
            }
        }
    }
}
