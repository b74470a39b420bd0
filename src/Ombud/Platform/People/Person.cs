using Microsoft.AspNetCore.Identity;
using Ombud.Platform.Auth;

namespace Ombud.Platform.People;

/// <summary>Where a person's account stands: invited (no password chosen yet), active, or locked out by an admin.</summary>
public enum PersonStatus
{
    Invited,
    Active,
    Locked,
}

/// <summary>A person as the admin's list shows them.</summary>
/// <param name="MerchantId">The merchant a merchant user acts for.</param>
/// <param name="LastSignInAt">When they last signed in, from the audit log; null if never.</param>
public sealed record PersonSummary(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, PersonStatus Status, Guid? MerchantId, DateTime? LastSignInAt);

/// <summary>Someone to invite: their e-mail, name, staff roles and, for the merchant role, the merchant they act for.</summary>
public sealed record Invitation(string? Email, string? Name, IReadOnlyList<string>? Roles, Guid? MerchantId);

/// <summary>
/// An invitation made: its link lets the invitee choose a password once, until <see cref="ExpiresAt"/>. When
/// <see cref="Emailed"/>, the link went to the invitee's inbox and <see cref="Link"/> is null; otherwise it is shown to
/// the admin in this answer only. Ombud keeps no copy outside the e-mail outbox.
/// </summary>
public sealed record InvitedPerson(PersonSummary Person, string? Link, DateTime ExpiresAt, bool Emailed);

/// <summary>An invitation already accepted cannot be issued again: the person has a password already.</summary>
public sealed record InvitationAccepted() : Conflict("This person has accepted their invitation and set a password already; there is nothing to issue again.");

/// <summary>A locked account's invitation is not issued again: restore the person's access first.</summary>
public sealed record InvitationLocked() : Conflict("This person's access is revoked: restore it first, then issue the invitation again.");

/// <summary>The staff roles a person holds from now on (a shopper's own role stays), and the merchant for the merchant role.</summary>
public sealed record RoleChange(IReadOnlyList<string>? Roles, Guid? MerchantId);

/// <summary>The event types people's changes publish, for modules that tie accounts to records of their own.</summary>
public static class PeopleEvents
{
    public const string Invited = "people.invited";
    public const string RolesChanged = "people.roles-changed";
}

/// <summary>Event <c>people.invited</c> v1, for a mail sender to come: who was invited, by whom, until when. Never the link.</summary>
public sealed record PersonInvited(string UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTime ExpiresAt, string InvitedBy);

/// <summary>Event <c>people.roles-changed</c> v1: a person's roles before and after an admin's change.</summary>
public sealed record PersonRolesChanged(string UserId, string DisplayName, IReadOnlyList<string> Before, IReadOnlyList<string> Roles, string ChangedBy);

/// <summary>There is already an account with this e-mail: 409, and the invite form marks its e-mail field.</summary>
public sealed record EmailTaken() : Conflict("There is already an account with this e-mail address.");

/// <summary>An invitation link that was used, has expired, was for someone locked out, or was never made: nothing changes.</summary>
public sealed record InvitationLinkInvalid() : Conflict(
    "This invitation link cannot be used: it has been used already, it has expired, or it was copied wrong. Ask the administrator who invited you for a new one.");

/// <summary>The roles an admin may give. A shopper is tied to a customer by the order feed, never invited.</summary>
public static class StaffRoles
{
    public static readonly IReadOnlyList<string> All = [Roles.Admin, Roles.Agent, Roles.FraudSpecialist, Roles.Analyst, Roles.Merchant];

    /// <summary>Checks <paramref name="roles"/> and the merchant that goes with the merchant role into <paramref name="check"/>.</summary>
    public static void Check(Validation check, IReadOnlyList<string>? roles, Guid? merchantId, bool atLeastOne)
    {
        if (roles is null || (atLeastOne && roles.Count == 0))
        {
            check.Add("roles", $"At least one of: {string.Join(", ", All)}.");
            return;
        }

        foreach (var role in roles.Where(r => r is null || !All.Contains(r)))
        {
            check.Add("roles", role == Roles.Shopper
                ? "A shopper's account comes from the customer feed; it cannot be given here."
                : $"'{role}' is not a role that can be given. Use {string.Join(", ", All)}.");
        }

        if (roles.Contains(Roles.Merchant) && merchantId is null)
        {
            check.Add("merchantId", "Required for the merchant role: the merchant whose disputes this person handles.");
        }
        else if (!roles.Contains(Roles.Merchant) && merchantId is not null)
        {
            check.Add("merchantId", "Only with the merchant role.");
        }
    }

    /// <summary>
    /// A node outside demo mode starts with no roles stored; the first person given each makes it. A role another writer
    /// stored meanwhile (a second node, the demo's seeding) is there as wanted.
    /// </summary>
    internal static async Task EnsureStoredAsync(RoleManager<IdentityRole> store, IEnumerable<string> roles)
    {
        foreach (var role in roles)
        {
            if (!await store.RoleExistsAsync(role) && await store.CreateAsync(new IdentityRole(role)) is { Succeeded: false } failed
                && !await store.RoleExistsAsync(role))
            {
                throw new InvalidOperationException($"Could not store the role '{role}': {string.Join("; ", failed.Errors.Select(e => e.Description))}");
            }
        }
    }
}

/// <summary>
/// The merchants a merchant user may act for. Commerce owns merchants and supplies this, so Platform checks a link
/// without naming Commerce.
/// </summary>
public interface IMerchantChoices
{
    Task<IReadOnlyList<MerchantChoice>> ChoicesAsync(CancellationToken ct);

    Task<bool> ExistsAsync(Guid merchantId, CancellationToken ct);
}

public sealed record MerchantChoice(Guid Id, string Name);

internal static class MerchantChoicesExtensions
{
    public static async Task<bool> AnyHasAsync(this IEnumerable<IMerchantChoices> sources, Guid merchantId, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            if (await source.ExistsAsync(merchantId, ct))
            {
                return true;
            }
        }

        return false;
    }
}
