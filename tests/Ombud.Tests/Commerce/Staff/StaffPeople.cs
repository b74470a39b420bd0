using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Platform.Auth;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Commerce.Staff;

/// <summary>Agents of a tier, registered in the marketplace as the product registers them, then signed in (the tier is read at sign-in).</summary>
internal static class StaffPeople
{
    public static async Task<HttpClient> AgentAsync(OmbudTestApp app, DisputeParties parties, string email, AgentTier tier)
    {
        var user = await People.CreateAsync(app, email, Roles.Agent);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<AgentDirectory>().RegisterAsync(
                new AgentRegistration(user.Id, email.Split('@')[0], tier, ["en"], 2, new Dictionary<Skill, int>()), default);
            Assert.True(registered.Succeeded, registered.Error?.Detail);
        }

        return await parties.SignInAsync(email);
    }
}
