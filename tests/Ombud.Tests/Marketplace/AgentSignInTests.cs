using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Marketplace;

/// <summary>The agent a person works as travels with their sign-in (<see cref="Caller.AgentId"/>), for the console and its hub.</summary>
public sealed class AgentSignInTests
{
    [Fact]
    public async Task An_agents_sign_in_carries_their_agent_and_anyone_elses_none()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", (Skill.Payments, 5));
        var shopper = await People.CreateAsync(app, "not-an-agent@example.se", Roles.Shopper, customerId: await desk.CustomerAsync());

        Assert.Equal(maja.Id, (await CallerAsync(app, maja.UserId)).AgentId);
        Assert.Null((await CallerAsync(app, shopper.Id)).AgentId);
    }

    [Fact]
    public async Task An_agent_whose_account_lost_the_agent_role_no_longer_works_as_an_agent()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var desk = await MarketDesk.OpenAsync(app);
        var maja = await desk.AgentAsync("Maja", (Skill.Payments, 5));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByIdAsync(maja.UserId))!, Roles.Agent)).Succeeded);
        }

        Assert.Null((await CallerAsync(app, maja.UserId)).AgentId);
    }

    private static async Task<Caller> CallerAsync(OmbudTestApp app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<OmbudUser>>();
        return Caller.Of(await principals.CreateAsync((await users.FindByIdAsync(userId))!))!;
    }
}
