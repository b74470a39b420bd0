using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Presence;
using Ombud.Marketplace.Dispatch;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace;

/// <summary>
/// Agents as the marketplace keeps them: registering one for a signed-in person, the skills they claim, an admin's
/// certification of a skill, and presence: online, away, offline and the console's heartbeat. Coming
/// online or freeing up gets the agent the most urgent waiting hand-off they fit.
/// </summary>
internal sealed class AgentDirectory(OmbudDb db, UnitOfWork work, Dispatcher dispatcher, TimerSchedule timers, AgentNews news,
    IOptions<MarketplaceOptions> options, AuditLog audit, TimeProvider clock)
{
    private const string Subject = "The agent";

    public const int MaxConversationsLimit = 10;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Makes the person with <paramref name="userId"/> an agent, offline until they go online.</summary>
    public Task<Outcome<Agent>> RegisterAsync(AgentRegistration registration, CancellationToken ct) =>
        work.RunAsync<Agent>(async token =>
        {
            if (registration.Validate() is { } invalid)
            {
                return invalid;
            }

            var user = await db.Users.AsNoTracking().Where(u => u.Id == registration.UserId).Select(u => new { u.Id, u.CustomerId }).SingleOrDefaultAsync(token);
            if (user is null)
            {
                return new NotFound("user", registration.UserId);
            }

            var now = Now;
            var agent = new Agent(Guid.CreateVersion7(now), user.Id, registration.DisplayName.Trim(), registration.Tier, registration.Languages,
                registration.MaxConversations, user.CustomerId, now);
            db.Add(agent);
            foreach (var (skill, level) in registration.Skills)
            {
                db.Add(new AgentSkill(agent.Id, skill, level));
            }

            audit.Record($"user:{user.Id}", "marketplace.agent-registered", $"agent:{agent.Id}", $"tier {registration.Tier}");
            return agent;
        }, ct, Subject);

    /// <summary>
    /// An admin records that the agent passed the assessment for a skill, at a level; from then on it counts in
    /// dispatch. The agent need not have claimed the skill before.
    /// </summary>
    public Task<Outcome<AgentSkillView>> CertifyAsync(Guid agentId, string skillName, int? level, string actor, CancellationToken ct) =>
        work.RunAsync<AgentSkillView>(async token =>
        {
            var errors = new Dictionary<string, string[]>();
            var parsed = Skills.Parse(skillName);
            if (parsed is null)
            {
                errors["skill"] = [$"Unknown skill '{skillName}': one of {string.Join(", ", Skills.Names)}."];
            }

            if (level is not (>= AgentSkill.MinLevel and <= AgentSkill.MaxLevel))
            {
                errors["level"] = [$"The level the agent was certified at, from {AgentSkill.MinLevel} to {AgentSkill.MaxLevel}."];
            }

            if (parsed is not { } skill || level is not { } certifiedLevel || errors.Count > 0)
            {
                return new Invalid(errors);
            }

            if (!await db.Set<Agent>().AnyAsync(a => a.Id == agentId, token))
            {
                return new NotFound("agent", agentId.ToString());
            }

            var held = await db.Set<AgentSkill>().SingleOrDefaultAsync(s => s.AgentId == agentId && s.Skill == skill, token);
            if (held is null)
            {
                held = new AgentSkill(agentId, skill, certifiedLevel);
                db.Add(held);
            }

            held.Certify(certifiedLevel, actor, Now);
            audit.Record(actor, "marketplace.skill-certified", $"agent:{agentId}", $"{skill} at level {level}");
            return new AgentSkillView(agentId, skill, certifiedLevel, held.CertifiedAt, held.CertifiedBy);
        }, ct, Subject);

    /// <summary>The agent is online: free places are offered the most urgent waiting hand-offs they fit.</summary>
    public Task<Outcome<Agent>> GoOnlineAsync(Guid agentId, CancellationToken ct) =>
        ChangePresenceAsync(agentId, async (agent, now, token) =>
        {
            agent.GoOnline(now);
            await dispatcher.OfferToAgentAsync(agent.Id, token);
        }, ct);

    /// <summary>The agent stepped away: no new offers; what they hold stays theirs.</summary>
    public Task<Outcome<Agent>> GoAwayAsync(Guid agentId, CancellationToken ct) =>
        ChangePresenceAsync(agentId, (agent, now, _) =>
        {
            agent.GoAway(now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The agent is offline: no more offers (those out run their course); the conversations they hold stay theirs.</summary>
    public Task<Outcome<Agent>> GoOfflineAsync(Guid agentId, CancellationToken ct) =>
        ChangePresenceAsync(agentId, (agent, now, _) =>
        {
            agent.GoOffline(now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// The console is still there: seen now, and the presence lapse moves to the end of a fresh grace period. Every
    /// console of the agent beats, so one tab closing costs nothing while another is open. Only consoles beat: an agent
    /// set online another way (the API, a simulated demo agent) has no lapse until a console of theirs opens.
    /// </summary>
    /// <remarks>
    /// A beat never waits for the agent's row: while a dispatcher or an answer of theirs holds it (on PostgreSQL, until
    /// its transaction commits), this beat is skipped, and the grace period outlasts a few skipped beats. Waiting would
    /// hold up the console's next call too (a connection runs one hub call at a time), its Accept among them.
    /// </remarks>
    public Task<Outcome<Agent>> HeartbeatAsync(Guid agentId, CancellationToken ct) =>
        work.RunAsync<Agent>(async token =>
        {
            var free = await db.TryLockForUpdateAsync<Agent>(nameof(Agent.Id), agentId, token);
            if (await db.Set<Agent>().SingleOrDefaultAsync(a => a.Id == agentId, token) is not { } agent)
            {
                return new NotFound("agent", agentId.ToString());
            }

            if (free)
            {
                await SeenAsync(agent, token);
            }

            return agent;
        }, ct, Subject);

    private Task<Outcome<Agent>> ChangePresenceAsync(Guid agentId, Func<Agent, DateTime, CancellationToken, Task> change, CancellationToken ct) =>
        work.RunAsync<Agent>(async token =>
        {
            if (await db.Set<Agent>().SingleOrDefaultAsync(a => a.Id == agentId, token) is not { } agent)
            {
                return new NotFound("agent", agentId.ToString());
            }

            var before = agent.Status;
            await change(agent, Now, token);
            PresenceChange.Note(db, agent, before, Now);
            news.AfterCommit(work, agent.Id);
            return agent;
        }, ct, Subject);

    private async Task SeenAsync(Agent agent, CancellationToken ct)
    {
        var now = Now;
        agent.Seen(now);
        await timers.ScheduleAsync(PresenceLapse.Kind, agent.Id.ToString(), now.AddSeconds(options.Value.PresenceGraceSeconds), ct);
    }
}

/// <summary>A new agent: who, how they are called, their tier, languages, how many conversations at once, the skills they claim (uncertified).</summary>
internal sealed record AgentRegistration(string UserId, string DisplayName, AgentTier Tier, IReadOnlyList<string> Languages, int MaxConversations,
    IReadOnlyDictionary<Skill, int> Skills)
{
    public Invalid? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 100)
        {
            errors["displayName"] = ["A display name has 1 to 100 characters."];
        }

        if (Languages.Count == 0 || Languages.Any(l => l.Length != 2 || !l.All(char.IsAsciiLetter)))
        {
            errors["languages"] = ["At least one language, each as a two-letter code such as sv or en."];
        }

        if (MaxConversations is < 1 or > AgentDirectory.MaxConversationsLimit)
        {
            errors["maxConversations"] = [$"From 1 to {AgentDirectory.MaxConversationsLimit} conversations at once."];
        }

        if (Skills.Values.Any(l => l is < AgentSkill.MinLevel or > AgentSkill.MaxLevel))
        {
            errors["skills"] = [$"A skill's level is from {AgentSkill.MinLevel} to {AgentSkill.MaxLevel}."];
        }

        return errors.Count == 0 ? null : new Invalid(errors);
    }
}

public sealed record AgentSkillView(Guid AgentId, Skill Skill, int Level, DateTime? CertifiedAt, string? CertifiedBy);
