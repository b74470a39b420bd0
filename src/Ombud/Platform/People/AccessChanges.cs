using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Platform.People;

/// <summary>
/// An admin changes what a person may do: their staff roles, or their access as a whole (lock out, restore). Every
/// change is audited and changes the account's security stamp, so a session already open is re-read, with the new
/// roles or refused, on its next request (<see cref="AuthSetup"/> checks the stamp on every request). Ombud always
/// keeps one admin who can still sign in, and an admin cannot demote or lock themselves.
/// </summary>
public sealed class AccessChanges(
    OmbudDb db, UserManager<OmbudUser> users, RoleManager<IdentityRole> roles, UnitOfWork work, AuditLog audit, DomainEvents events,
    PeopleDirectory directory, IEnumerable<IMerchantChoices> merchants, TimeProvider clock)
{
    private const string Subject = "The account";

    public async Task<Outcome<PersonSummary>> SetRolesAsync(Caller caller, string id, RoleChange change, CancellationToken ct)
    {
        var check = new Validation();
        StaffRoles.Check(check, change.Roles, change.MerchantId, atLeastOne: false);
        if (check.IsValid && change.MerchantId is { } merchant && !await merchants.AnyHasAsync(merchant, ct))
        {
            check.Add("merchantId", "No merchant with this id.");
        }

        var changed = await work.RunAsync<bool>(async _ =>
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return new NotFound("person", id);
            }

            if (!check.IsValid)
            {
                return check.ToError();
            }

            var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            // The shopper role comes with the customer link and stays; the staff roles are what the admin chose.
            var after = change.Roles!.Concat(before.Where(r => r == Roles.Shopper)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var merchantAfter = after.Contains(Roles.Merchant) ? change.MerchantId : null;
            if (before.SequenceEqual(after) && user.MerchantId == merchantAfter)
            {
                return false;
            }

            if (before.Contains(Roles.Admin) && !after.Contains(Roles.Admin) && await RefuseLosingAdminAsync(caller, user, "remove your own admin role") is { } refused)
            {
                return refused;
            }

            await StaffRoles.EnsureStoredAsync(roles, after);
            var removed = before.Except(after).ToList();
            var added = after.Except(before).ToList();
            if ((removed.Count > 0 ? Invitations.Failed(await users.RemoveFromRolesAsync(user, removed)) : null) is { } notRemoved)
            {
                return notRemoved;
            }

            if ((added.Count > 0 ? Invitations.Failed(await users.AddToRolesAsync(user, added)) : null) is { } notAdded)
            {
                return notAdded;
            }

            user.MerchantId = merchantAfter;
            if (Invitations.Failed(await users.UpdateSecurityStampAsync(user)) is { } notStamped)
            {
                return notStamped;
            }

            audit.Record(caller.Actor, "user.roles-changed", $"user:{user.Id}",
                $"before={string.Join(',', before)}; after={string.Join(',', after)}{(merchantAfter is { } m ? $"; merchant={m}" : "")}");
            events.Publish(PeopleEvents.RolesChanged, new PersonRolesChanged(user.Id, user.DisplayName, before, after, caller.Actor));
            return true;
        }, ct, Subject);
        return changed.Succeeded ? (await directory.FindAsync(id, ct))! : changed.Error!;
    }

    /// <summary>Revokes a person's access: they cannot sign in, and a session they have open is refused on its next request.</summary>
    public async Task<Outcome<PersonSummary>> LockAsync(Caller caller, string id, CancellationToken ct)
    {
        var locked = await work.RunAsync<bool>(async _ =>
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return new NotFound("person", id);
            }

            if (user.LockoutEnd is { } end && end > clock.GetUtcNow())
            {
                return false;
            }

            if (await RefuseLosingAdminAsync(caller, user, "revoke your own access") is { } refused)
            {
                return refused;
            }

            // Identity's lockout is off for new accounts (sign-in failures never lock anyone); an admin's lock turns it on.
            var failed = Invitations.Failed(await users.SetLockoutEnabledAsync(user, true))
                ?? Invitations.Failed(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue))
                ?? Invitations.Failed(await users.UpdateSecurityStampAsync(user));
            if (failed is not null)
            {
                return failed;
            }

            audit.Record(caller.Actor, "user.locked", $"user:{user.Id}");
            return true;
        }, ct, Subject);
        return locked.Succeeded ? (await directory.FindAsync(id, ct))! : locked.Error!;
    }

    /// <summary>Restores a locked person's access; they sign in again as before.</summary>
    public async Task<Outcome<PersonSummary>> UnlockAsync(Caller caller, string id, CancellationToken ct)
    {
        var unlocked = await work.RunAsync<bool>(async _ =>
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return new NotFound("person", id);
            }

            if (user.LockoutEnd is null || user.LockoutEnd <= clock.GetUtcNow())
            {
                return false;
            }

            if (Invitations.Failed(await users.SetLockoutEndDateAsync(user, null)) is { } failed)
            {
                return failed;
            }

            audit.Record(caller.Actor, "user.unlocked", $"user:{user.Id}");
            return true;
        }, ct, Subject);
        return unlocked.Succeeded ? (await directory.FindAsync(id, ct))! : unlocked.Error!;
    }

    /// <summary>
    /// Refuses a change that would take admin rights away from <paramref name="user"/> when it is the caller themselves,
    /// or when no other admin who can sign in would be left.
    /// </summary>
    private async Task<DomainError?> RefuseLosingAdminAsync(Caller caller, OmbudUser user, string ownAction)
    {
        if (caller.UserId == user.Id)
        {
            return new Conflict($"You cannot {ownAction}: another admin must do it.");
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var adminRole = await roles.FindByNameAsync(Roles.Admin);
        // Lockout ends are compared here, not in SQL: SQLite cannot compare the DateTimeOffset Identity stores them as.
        var otherAdmins = await db.UserRoles.Where(ur => ur.RoleId == adminRole!.Id && ur.UserId != user.Id)
            .Join(db.Users, ur => ur.UserId, u => u.Id, (_, u) => u.LockoutEnd).ToListAsync();
        return otherAdmins.Any(end => end is null || end <= now)
            ? null
            : new Conflict($"{user.Email} is the last admin who can sign in; make someone else an admin first.");
    }

}
