using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Platform.People;

/// <summary>
/// Inviting a person: the account is made without a password, with its roles, and a one-time link to choose one
/// (<see cref="InvitationTokens"/>). With an SMTP server the link is e-mailed to the invitee (<see cref="InvitationMail"/>);
/// without one it goes back to the admin, once, to pass on. The invitee's use of the link sets the password. An expired
/// or lost invitation is issued again with a new link, and the old one stops working. Every step is audited; the
/// invitation is published as <c>people.invited</c> without the link, and the link is never logged.
/// </summary>
public sealed class Invitations(
    UserManager<OmbudUser> users, RoleManager<IdentityRole> roles, UnitOfWork work, AuditLog audit, DomainEvents events,
    PeopleDirectory directory, IEnumerable<IMerchantChoices> merchants, Microsoft.Extensions.Options.IOptions<PeopleOptions> options,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtection, InvitationMail mail, TimeProvider clock)
{
    public const int MaxEmailLength = 256;
    public const int MaxNameLength = 100;

    /// <summary>The page an invitee opens, relative to the site.</summary>
    public const string WelcomePath = "/welcome";

    /// <summary>
    /// Invites a person. <paramref name="siteUrl"/> is the address the admin reached Ombud on, for the e-mailed link when
    /// <c>Ombud:Mail:AppUrl</c> is not set; without either (the CLI) the link is only answered, never e-mailed.
    /// </summary>
    public async Task<Outcome<InvitedPerson>> InviteAsync(string actor, Invitation invitation, string? siteUrl, CancellationToken ct)
    {
        var email = invitation.Email?.Trim();
        var name = invitation.Name?.Trim();
        var check = new Validation().Require("email", email, MaxEmailLength).Require("name", name, MaxNameLength);
        if (!string.IsNullOrEmpty(email) && email.Length <= MaxEmailLength && !new EmailAddressAttribute().IsValid(email))
        {
            check.Add("email", "An e-mail address, such as kim@provider.example.");
        }

        StaffRoles.Check(check, invitation.Roles, invitation.MerchantId, atLeastOne: true);
        if (invitation.MerchantId is { } merchant && invitation.Roles?.Contains(Roles.Merchant) == true && !await merchants.AnyHasAsync(merchant, ct))
        {
            check.Add("merchantId", "No merchant with this id.");
        }

        if (!check.IsValid)
        {
            return check.ToError();
        }

        var granted = invitation.Roles!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // On a fresh install (the first admin, invited from the CLI) the token below is the key ring's first use, which
        // stores its first key through a connection of its own; inside this unit of work's SQLite transaction that
        // write would wait on our own lock. Using the ring once before the transaction makes the key first.
        PrepareKeyRing();
        var made = await work.RunAsync<Issued>(async _ =>
        {
            if (await users.FindByEmailAsync(email!) is not null)
            {
                return new EmailTaken();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var user = new OmbudUser
            {
                Id = Guid.CreateVersion7(now).ToString(), UserName = email, Email = email, DisplayName = name!,
                MerchantId = granted.Contains(Roles.Merchant) ? invitation.MerchantId : null,
            };
            if (Failed(await users.CreateAsync(user)) is { } refused)
            {
                return refused;
            }

            await StaffRoles.EnsureStoredAsync(roles, granted);
            if (Failed(await users.AddToRolesAsync(user, granted)) is { } notGiven)
            {
                return notGiven;
            }

            var issued = await IssueAsync(user, siteUrl, ct);
            audit.Record(actor, "user.invited", $"user:{user.Id}",
                $"roles={string.Join(',', granted)}{(user.MerchantId is { } m ? $"; merchant={m}" : "")}; expires={issued.ExpiresAt:O}; emailed={Yes(issued.Emailed)}");
            events.Publish(PeopleEvents.Invited, new PersonInvited(user.Id, email!, name!, granted, issued.ExpiresAt, actor));
            return issued;
        }, ct, "The account");
        return await AnswerAsync(made, ct);
    }

    /// <summary>
    /// Issues a person's invitation again, for one that expired or was lost: a new link (e-mailed as on inviting), and
    /// every earlier link dead, as the account's security stamp changes. Only for an invitation not yet accepted and an
    /// account not locked (409 otherwise); audited as <c>user.invitation-reissued</c>.
    /// </summary>
    public async Task<Outcome<InvitedPerson>> ReissueAsync(string actor, string userId, string? siteUrl, CancellationToken ct)
    {
        PrepareKeyRing();
        var made = await work.RunAsync<Issued>(async _ =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return new NotFound("person", userId);
            }

            if (await users.HasPasswordAsync(user))
            {
                return new InvitationAccepted();
            }

            if (await users.IsLockedOutAsync(user))
            {
                return new InvitationLocked();
            }

            // A new stamp voids every link made before: whoever holds the lost one can no longer use it.
            if (Failed(await users.UpdateSecurityStampAsync(user)) is { } refused)
            {
                return refused;
            }

            var issued = await IssueAsync(user, siteUrl, ct);
            audit.Record(actor, "user.invitation-reissued", $"user:{user.Id}", $"expires={issued.ExpiresAt:O}; emailed={Yes(issued.Emailed)}");
            return issued;
        }, ct, "The account");
        return await AnswerAsync(made, ct);
    }

    /// <summary>
    /// The invitee chooses a password with the link's token and is then an active account. A used, expired or foreign
    /// link, or one for an account locked meanwhile, changes nothing (<see cref="InvitationLinkInvalid"/>).
    /// </summary>
    public Task<Outcome<OmbudUser>> AcceptAsync(string? userId, string? token, string? password, string? confirmation, CancellationToken ct) =>
        work.RunAsync<OmbudUser>(async _ =>
        {
            if (await InviteeAsync(userId, token) is not { } user)
            {
                return new InvitationLinkInvalid();
            }

            var check = new Validation();
            if (string.IsNullOrEmpty(password))
            {
                check.Add("password", "Required.");
            }
            else if (password != confirmation)
            {
                check.Add("confirmation", "Type the same password twice.");
            }

            if (!check.IsValid)
            {
                return check.ToError();
            }

            // Identity's password rules (length, digits, case) speak for themselves; setting it also changes the
            // security stamp, which voids this link.
            var set = await users.AddPasswordAsync(user, password!);
            if (!set.Succeeded)
            {
                return new Invalid(new Dictionary<string, string[]> { ["password"] = set.Errors.Select(e => e.Description).ToArray() });
            }

            user.EmailConfirmed = true;
            if (Failed(await users.UpdateAsync(user)) is { } refused)
            {
                return refused;
            }

            audit.Record($"user:{user.Id}", "user.invitation-accepted", $"user:{user.Id}");
            return user;
        }, ct, "The account");

    /// <summary>The account a link is for, while the link can still be used; null for a used, expired, foreign or locked one.</summary>
    public async Task<OmbudUser?> InviteeAsync(string? userId, string? token)
    {
        var user = string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) ? null : await users.FindByIdAsync(userId);
        return user is null || await users.HasPasswordAsync(user) || await users.IsLockedOutAsync(user)
            || !await users.VerifyUserTokenAsync(user, InvitationTokens.ProviderName, InvitationTokens.Purpose, token!)
            ? null
            : user;
    }

    private void PrepareKeyRing() => InvitationTokens.PrepareKeyRing(dataProtection);

    /// <summary>A new link for <paramref name="user"/>, e-mailed when it can be, in the caller's unit of work.</summary>
    private async Task<Issued> IssueAsync(OmbudUser user, string? siteUrl, CancellationToken ct)
    {
        var expiresAt = clock.GetUtcNow().UtcDateTime + options.Value.InvitationLifetime;
        var link = LinkFor(user.Id, await users.GenerateUserTokenAsync(user, InvitationTokens.ProviderName, InvitationTokens.Purpose));
        var emailed = await mail.QueueAsync(user, link, expiresAt, siteUrl, ct);
        return new Issued(user.Id, link, expiresAt, emailed);
    }

    /// <summary>The answer to the admin: the link itself only when it was not e-mailed, so that it exists in one place.</summary>
    private async Task<Outcome<InvitedPerson>> AnswerAsync(Outcome<Issued> made, CancellationToken ct)
    {
        if (!made.Succeeded)
        {
            return made.Error!;
        }

        var issued = made.Value!;
        var person = await directory.FindAsync(issued.UserId, ct);
        return new InvitedPerson(person!, issued.Emailed ? null : issued.Link, issued.ExpiresAt, issued.Emailed);
    }

    private static string Yes(bool value) => value ? "yes" : "no";

    private sealed record Issued(string UserId, string Link, DateTime ExpiresAt, bool Emailed);

    /// <summary>The welcome page's address for <paramref name="userId"/> with <paramref name="token"/>, relative to the site.</summary>
    public static string LinkFor(string userId, string token) =>
        $"{WelcomePath}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    /// <summary>Identity's refusal as a domain error: a taken e-mail or name is a conflict, the rest the e-mail field's.</summary>
    internal static DomainError? Failed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return new EmailTaken();
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return new WriteConflict($"The account {WriteClash.Retry}", null);
        }

        return new Invalid(new Dictionary<string, string[]> { ["email"] = result.Errors.Select(e => e.Description).ToArray() });
    }
}
