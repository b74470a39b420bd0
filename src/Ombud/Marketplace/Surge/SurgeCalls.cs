using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Events;
using Ombud.Platform.Mail;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// "Call me when it surges": an agent's own choice, and the calls. When the level rises to surge or above (subscriber
/// of <see cref="SurgeChanged"/>), each offline agent who opted in, is certified in a skill the waiting shoppers need
/// and was not called within <see cref="SurgeOptions.CallEveryHours"/> gets one e-mail through the mail outbox,
/// audited. An agent who opted out, or never chose, is never called.
/// </summary>
internal sealed class SurgeCalls(OmbudDb db, UnitOfWork work, MailOutbox outbox, AuditLog audit, IOptions<SurgeOptions> options, IOptions<MailOptions> mail,
    TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "marketplace.surge-calls";
    public const string MailKind = "marketplace.surge-call";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<bool> OptedInAsync(Guid agentId, CancellationToken ct) =>
        await db.Set<SurgeCall>().AsNoTracking().Where(c => c.AgentId == agentId).Select(c => c.OptedIn).SingleOrDefaultAsync(ct);

    /// <summary>The agent's own choice; audited.</summary>
    public Task<Outcome<SurgeCallChoice>> ChooseAsync(Guid agentId, string actor, bool optedIn, CancellationToken ct) =>
        work.RunAsync<SurgeCallChoice>(async token =>
        {
            var now = Now;
            if (await db.Set<SurgeCall>().SingleOrDefaultAsync(c => c.AgentId == agentId, token) is { } call)
            {
                call.Choose(optedIn, now);
            }
            else
            {
                db.Add(new SurgeCall(agentId, optedIn, now));
            }

            audit.Record(actor, optedIn ? "marketplace.surge-calls-on" : "marketplace.surge-calls-off", $"agent:{agentId}");
            return new SurgeCallChoice(optedIn);
        }, ct, "Your surge calls");

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var changed = message.Read<SurgeChanged>();
        if (changed.To < SurgeLevel.Surge || changed.From >= SurgeLevel.Surge)
        {
            return;
        }

        await CallAsync(changed, ct);
    }

    /// <summary>Calls the offline opted-in agents who fit; returns whom. Stages into the caller's unit of work.</summary>
    public async Task<IReadOnlyList<Guid>> CallAsync(SurgeChanged changed, CancellationToken ct)
    {
        var now = Now;
        var every = TimeSpan.FromHours(options.Value.CallEveryHours);
        var needed = await db.Set<QueueEntry>().AsNoTracking().Where(e => e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Offered)
            .Select(e => e.Skill).Distinct().ToListAsync(ct);
        var candidates = await (from call in db.Set<SurgeCall>()
                                join agent in db.Set<Agent>() on call.AgentId equals agent.Id
                                where call.OptedIn && agent.Status == AgentStatus.Offline
                                select new { Call = call, agent.UserId, agent.DisplayName }).ToListAsync(ct);
        var ids = candidates.Select(c => c.Call.AgentId).ToList();
        var certified = (await db.Set<AgentSkill>().AsNoTracking().Where(s => ids.Contains(s.AgentId) && s.CertifiedAt != null)
            .Select(s => new { s.AgentId, s.Skill }).ToListAsync(ct)).ToLookup(s => s.AgentId, s => s.Skill);
        var userIds = candidates.Select(c => c.UserId).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        var called = new List<Guid>();
        foreach (var candidate in candidates)
        {
            var skills = certified[candidate.Call.AgentId].ToList();
            var fits = needed.Count == 0 ? skills.Count > 0 : skills.Intersect(needed).Any();
            if (!fits || !candidate.Call.MayCall(now, every) || !emails.TryGetValue(candidate.UserId, out var email))
            {
                continue;
            }

            await outbox.QueueAsync(new MailDraft(email, "Shoppers are waiting: pay is up", Text(candidate.DisplayName, changed, mail.Value.Link("/agent/console")),
                MailKind, $"surge-call:{candidate.Call.AgentId}:{now:yyyyMMddHHmmss}"), ct);
            candidate.Call.Called(now);
            audit.Record(SurgeBoard.Actor, "marketplace.surge-called", $"agent:{candidate.Call.AgentId}", $"{changed.To}, {changed.PerMille} ‰");
            called.Add(candidate.Call.AgentId);
        }

        return called;
    }

    internal static string Text(string agentName, SurgeChanged changed, string? link)
    {
        var first = agentName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? agentName;
        return $"Hello {first},\n\nMore shoppers are waiting for a person than the agents online can answer. Conversations offered now pay "
               + $"{SurgeText.Multiplier(changed.PerMille)} the usual rate.\n\n"
               + (link is null ? "Sign in to Ombud and go online in the agent console." : $"Go online here: {link}")
               + "\n\nYou asked to be told when it surges; turn it off in the agent console at any time.";
    }
}

/// <summary>Whether the agent is called when it surges.</summary>
public sealed record SurgeCallChoice(bool OptedIn);
