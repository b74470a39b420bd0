using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.People;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Agents;

/// <summary>
/// People becoming agents by themselves. Someone new signs up with a password: an account with no role, which cannot
/// sign in (<see cref="AccountConfirmation"/>) until the e-mailed link confirms the address and gives it the agent role.
/// A signed-in shopper in good standing applies from their account, linked to their customer account. Either way the
/// agent starts as a trainee with the skills they offered uncertified, so they get no offers until an admin certifies
/// one. Audited as <c>marketplace.agent-applied</c> and <c>marketplace.agent-confirmed</c>.
/// </summary>
internal sealed class AgentApplications(
    OmbudDb db, UnitOfWork work, UserManager<OmbudUser> users, RoleManager<IdentityRole> roles, CustomerStanding standing, ApplicationMail mail,
    IOptions<PeopleOptions> people, IDataProtectionProvider dataProtection, AgentConflicts conflicts, AuditLog audit, TimeProvider clock)
{
    private const string Subject = "The application";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Signs someone up, only where the confirmation can be e-mailed (<see cref="SignUpClosed"/> otherwise). A taken e-mail is refused as Identity's own sign-up does (409, <see cref="EmailTaken"/>), and only
    /// after every field, the password too, passed: the rate limit on this endpoint bounds how fast anyone can ask.
    /// </summary>
    public async Task<Outcome<AgentApplicationView>> ApplyAsync(AgentApplication application, CancellationToken ct)
    {
        if (!mail.CanSend)
        {
            return new SignUpClosed();
        }

        var (name, email) = (application.Name?.Trim(), application.Email?.Trim());
        var check = new Validation();
        ApplicationFields.CheckPerson(check, name, email);
        var offer = ApplicationFields.CheckOffer(check, application.Languages, application.Skills, application.MaxConversations);
        if (string.IsNullOrEmpty(application.Password))
        {
            check.Add("password", "Required.");
        }
        else
        {
            var probe = new OmbudUser { UserName = email, Email = email, DisplayName = name ?? "" };
            foreach (var validator in users.PasswordValidators)
            {
                foreach (var error in (await validator.ValidateAsync(users, probe, application.Password)).Errors)
                {
                    check.Add("password", error.Description);
                }
            }
        }

        if (!check.IsValid || offer is not var (languages, skills, maxConversations))
        {
            return check.ToError();
        }

        InvitationTokens.PrepareKeyRing(dataProtection);
        return await work.RunAsync<AgentApplicationView>(async _ =>
        {
            if (await users.FindByEmailAsync(email!) is not null)
            {
                return new EmailTaken();
            }

            var now = Now;
            var user = new OmbudUser { Id = Guid.CreateVersion7(now).ToString(), UserName = email, Email = email, DisplayName = name! };
            if (Invitations.Failed(await users.CreateAsync(user, application.Password!)) is { } refused)
            {
                return refused;
            }

            var agent = Register(user.Id, name!, languages, skills, maxConversations, null, now);
            var expiresAt = now + people.Value.InvitationLifetime;
            var link = ApplicationMail.LinkFor(user.Id, await users.GenerateEmailConfirmationTokenAsync(user));
            var emailed = await mail.QueueAsync(email!, name!, link, expiresAt, ct);
            audit.Record($"user:{user.Id}", "marketplace.agent-applied", $"agent:{agent.Id}",
                $"signed up; skills={string.Join(',', skills)}; confirmation emailed={(emailed ? "yes" : "no")}");
            return View(agent, skills, ApplicationStatus.Unconfirmed) with { ConfirmationEmailed = emailed };
        }, ct, Subject);
    }

    /// <summary>
    /// The link from the e-mail: confirms the address and makes the account an agent. A used, expired, foreign or
    /// mangled link changes nothing and is refused on <c>token</c>.
    /// </summary>
    public async Task<Outcome<AgentApplicationView>> ConfirmAsync(ApplicationConfirmation confirmation, CancellationToken ct)
    {
        var check = new Validation().Require("userId", confirmation.UserId, 100).Require("token", confirmation.Token, 4000);
        if (!check.IsValid)
        {
            return check.ToError();
        }

        return await work.RunAsync<AgentApplicationView>(async token =>
        {
            var user = await users.FindByIdAsync(confirmation.UserId!);
            var agent = user is null ? null : await db.Set<Agent>().SingleOrDefaultAsync(a => a.UserId == user.Id, token);
            if (user is null || agent is null || user.EmailConfirmed || !(await users.ConfirmEmailAsync(user, confirmation.Token!)).Succeeded)
            {
                return Invalid.Field("token", ConfirmationLink.Unusable);
            }

            await StaffRoles.EnsureStoredAsync(roles, [Roles.Agent]);
            if (Invitations.Failed(await users.AddToRoleAsync(user, Roles.Agent)) is { } refused)
            {
                return refused;
            }

            audit.Record($"user:{user.Id}", "marketplace.agent-confirmed", $"agent:{agent.Id}", "e-mail confirmed");
            return View(agent, await SkillsAsync(agent.Id, token), ApplicationStatus.Confirmed);
        }, ct, Subject);
    }

    /// <summary>
    /// A signed-in shopper applies: refused with every reason when they are not in good standing (<see cref="CustomerStanding"/>),
    /// and when they are an agent already. Their account gets the agent role at once: its e-mail is the provider's own record.
    /// </summary>
    public async Task<Outcome<AgentApplicationView>> ApplyAsShopperAsync(string userId, ShopperApplication application, CancellationToken ct)
    {
        var check = new Validation();
        var offer = ApplicationFields.CheckOffer(check, application.Languages, application.Skills, application.MaxConversations);
        if (!check.IsValid || offer is not var (languages, skills, maxConversations))
        {
            return check.ToError();
        }

        return await work.RunAsync<AgentApplicationView>(async token =>
        {
            if (await users.FindByIdAsync(userId) is not { CustomerId: { } customerId } user)
            {
                return new Forbidden("Only a shopper's own account can apply this way.");
            }

            if (await db.Set<Agent>().AnyAsync(a => a.UserId == userId, token))
            {
                return new Conflict("You are an agent already.");
            }

            if (await standing.ReasonsAsync(customerId, token) is { Count: > 0 } reasons)
            {
                return new NotInGoodStanding(reasons);
            }

            await StaffRoles.EnsureStoredAsync(roles, [Roles.Agent]);
            if (Invitations.Failed(await users.AddToRoleAsync(user, Roles.Agent)) is { } refused)
            {
                return refused;
            }

            var agent = Register(user.Id, user.DisplayName, languages, skills, maxConversations, customerId, Now);
            audit.Record($"user:{user.Id}", "marketplace.agent-applied", $"agent:{agent.Id}", $"shopper in good standing; skills={string.Join(',', skills)}");
            return View(agent, skills, ApplicationStatus.Confirmed);
        }, ct, Subject);
    }

    /// <summary>The caller's own application, if they made one; null otherwise.</summary>
    public async Task<AgentApplicationView?> OwnAsync(string userId, CancellationToken ct) =>
        (await ListAsync(a => a.UserId == userId, ct)) is [var own, ..] ? own : null;

    /// <summary>
    /// Trainees newest first, with where each stands and how many customers they are kept from, for an admin to
    /// certify: at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<AgentApplicationView>> PendingAsync(int limit, CancellationToken ct)
    {
        var pending = await ListAsync(a => a.Tier == AgentTier.Trainee, ct, limit);
        var ids = pending.Select(p => p.AgentId).ToList();
        var kept = await conflicts.OfAsync(await db.Set<Agent>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct), ct);
        return [.. pending.Select(p => p with { KeptFromCustomers = kept.TryGetValue(p.AgentId, out var customers) ? customers.Count : 0 })];
    }

    private async Task<IReadOnlyList<AgentApplicationView>> ListAsync(System.Linq.Expressions.Expression<Func<Agent, bool>> which, CancellationToken ct,
        int limit = 1)
    {
        var agents = await db.Set<Agent>().AsNoTracking().Where(which).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(limit).ToListAsync(ct);
        var ids = agents.Select(a => a.Id).ToList();
        var userIds = agents.Select(a => a.UserId).ToList();
        var skills = (await db.Set<AgentSkill>().AsNoTracking().Where(s => ids.Contains(s.AgentId)).ToListAsync(ct)).ToLookup(s => s.AgentId);
        // An unconfirmed sign-up holds no role (AccountConfirmation); any role means the account is in use.
        var confirmed = (await db.UserRoles.AsNoTracking().Where(r => userIds.Contains(r.UserId)).Select(r => r.UserId).Distinct().ToListAsync(ct)).ToHashSet();
        return [.. agents.Select(a => View(a, [.. skills[a.Id].Select(s => s.Skill)],
            skills[a.Id].Any(s => s.IsCertified) ? ApplicationStatus.Certified
            : confirmed.Contains(a.UserId) ? ApplicationStatus.Confirmed : ApplicationStatus.Unconfirmed))];
    }

    private async Task<List<Skill>> SkillsAsync(Guid agentId, CancellationToken ct) =>
        await db.Set<AgentSkill>().AsNoTracking().Where(s => s.AgentId == agentId).Select(s => s.Skill).ToListAsync(ct);

    /// <summary>A trainee with the skills they offered at level 1, uncertified: an admin sets the level when certifying.</summary>
    private Agent Register(string userId, string name, List<string> languages, List<Skill> skills, int maxConversations, Guid? customerId, DateTime now)
    {
        var agent = new Agent(Guid.CreateVersion7(now), userId, name, AgentTier.Trainee, languages, maxConversations, customerId, now);
        db.Add(agent);
        foreach (var skill in skills)
        {
            db.Add(new AgentSkill(agent.Id, skill, AgentSkill.MinLevel));
        }

        return agent;
    }

    private static AgentApplicationView View(Agent agent, IReadOnlyList<Skill> skills, ApplicationStatus status) =>
        new(agent.Id, agent.DisplayName, status, [.. skills.Order()], agent.Languages, agent.MaxConversations, agent.OwnCustomerId is not null, agent.CreatedAt);
}
