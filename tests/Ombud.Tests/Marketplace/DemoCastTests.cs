using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Marketplace.Demo;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// The demo's cast of agents is made on a node in demo mode whatever else has run: before, it stopped with "Role AGENT
/// does not exist" on a node whose demo world had not stored the roles yet (or at all), leaving an agent account without
/// its role and no agents.
/// </summary>
public sealed class DemoCastTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_demo_node_with_no_roles_stored_yet_makes_every_agent_of_the_cast_with_the_agent_role(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Ombud:Demo"] = "true", [DemoAgents.TrafficSetting] = "false",
        });

        // The cast is made in the background after the node starts: wait for it, with a bound far above its few seconds.
        var emails = new[] { "agent@demo.ombud.test", "trainee.agent@demo.ombud.test", "specialist.agent@demo.ombud.test", "staff.agent@demo.ombud.test" };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        int agents;
        // The cast's own agents: the demo's applicants register agents of their own meanwhile.
        while ((agents = await app.WithDbAsync(db => db.Users.Where(u => emails.Contains(u.Email!))
                   .Join(db.Set<Agent>(), u => u.Id, a => a.UserId, (u, _) => u.Email).CountAsync())) < emails.Length && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(emails.Length, agents);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
        foreach (var email in emails)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.IsInRoleAsync(user, Roles.Agent), email);
        }
    }
}
