using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.People;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace;

/// <summary>
/// A person an admin invites as an agent, or gives the agent role later, is one of the provider's own staff: they get
/// a staff-tier agent record, offline, in English, with no certified skills, so the console opens for them at once
/// (<c>/agent/console</c>) and the staff desk knows them. An admin certifies their skills as for any agent. Taking the
/// role away leaves the record; without the role its console is closed to them.
/// </summary>
internal sealed class StaffAgents(OmbudDb db, AgentDirectory directory) : IEventHandler
{
    public const string Subscriber = "marketplace.staff-agents";
    private const int DefaultMaxConversations = 3;

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        // people.invited and people.roles-changed share these fields.
        var person = message.Read<PersonWithRoles>();
        if (!person.Roles.Contains(Roles.Agent) || await db.Set<Agent>().AnyAsync(a => a.UserId == person.UserId, ct))
        {
            return;
        }

        var registered = await directory.RegisterAsync(new AgentRegistration(person.UserId, person.DisplayName, AgentTier.Staff, ["en"],
            DefaultMaxConversations, new Dictionary<Skill, int>()), ct);
        if (!registered.Succeeded && registered.Error is not Platform.NotFound)
        {
            throw new InvalidOperationException($"Could not register the staff agent {person.UserId}: {registered.Error!.Detail}");
        }
    }

    private sealed record PersonWithRoles(string UserId, string DisplayName, IReadOnlyList<string> Roles);
}
