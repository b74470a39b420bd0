using System.ComponentModel.DataAnnotations;
using Ombud.Platform;

namespace Ombud.Marketplace.Agents;

/// <summary>Someone signing up as an agent: who they are, the password they choose, and what they offer to do.</summary>
public sealed record AgentApplication(string? Name, string? Email, string? Password, IReadOnlyList<string?>? Languages, IReadOnlyList<string?>? Skills,
    int? MaxConversations);

/// <summary>A signed-in shopper applying to be an agent: their name and e-mail come from their account.</summary>
public sealed record ShopperApplication(IReadOnlyList<string?>? Languages, IReadOnlyList<string?>? Skills, int? MaxConversations);

/// <summary>The link from the confirmation e-mail: the account and Identity's token.</summary>
public sealed record ApplicationConfirmation(string? UserId, string? Token);

/// <summary>Where an application stands: its e-mail not yet confirmed, confirmed and waiting for an admin, or certified in a skill.</summary>
public enum ApplicationStatus
{
    Unconfirmed,
    Confirmed,
    Certified,
}

/// <summary>
/// An application as the applicant and admins see it; <see cref="ConfirmationEmailed"/> only on signing up.
/// <see cref="KeptFromCustomers"/>, in the admins' list: how many customers dispatch never offers this agent (their own
/// account and those linked to it or to their e-mail, <see cref="AgentConflicts"/>).
/// </summary>
public sealed record AgentApplicationView(Guid AgentId, string Name, ApplicationStatus Status, IReadOnlyList<Skill> Skills, IReadOnlyList<string> Languages,
    int MaxConversations, bool LinkedToShopper, DateTime AppliedAt, bool? ConfirmationEmailed = null, int? KeptFromCustomers = null);

/// <summary>What an applicant offers: checked field by field, with the names the API uses.</summary>
internal static class ApplicationFields
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 256;

    /// <summary>A trainee starts small: at most this many conversations at once until an admin says otherwise.</summary>
    public const int MaxConversationsForTrainee = 3;

    public static void CheckPerson(Validation check, string? name, string? email)
    {
        check.Require("name", name, MaxNameLength).Require("email", email, MaxEmailLength);
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= MaxEmailLength && !new EmailAddressAttribute().IsValid(email.Trim()))
        {
            check.Add("email", "An e-mail address, such as kim@example.com.");
        }
    }

    /// <summary>The languages, skills and capacity offered, or null (with the reasons in <paramref name="check"/>).</summary>
    public static (List<string> Languages, List<Skill> Skills, int MaxConversations)? CheckOffer(Validation check, IReadOnlyList<string?>? languages,
        IReadOnlyList<string?>? skills, int? maxConversations)
    {
        var spoken = (languages ?? []).Select(l => l?.Trim().ToLowerInvariant()).ToList();
        if (spoken.Count is 0 or > 10 || spoken.Any(l => l is not { Length: 2 } || !l.All(char.IsAsciiLetterLower)))
        {
            check.Add("languages", "One to ten languages, each as a two-letter code such as sv or en.");
        }

        var parsed = (skills ?? []).Select(s => s is null ? null : Ombud.Marketplace.Skills.Parse(s)).ToList();
        if (parsed.Count == 0 || parsed.Any(s => s is null))
        {
            check.Add("skills", $"At least one skill, each one of {string.Join(", ", Ombud.Marketplace.Skills.Names)}.");
        }

        if (maxConversations is not (>= 1 and <= MaxConversationsForTrainee))
        {
            check.Add("maxConversations", $"From 1 to {MaxConversationsForTrainee} conversations at once: a new agent starts as a trainee.");
        }

        return check.IsValid ? ([.. spoken.OfType<string>().Distinct()], [.. parsed.Select(s => s!.Value).Distinct()], maxConversations!.Value) : null;
    }
}

/// <summary>Why a confirmation link changes nothing: used already, expired, copied wrong or for no applicant.</summary>
public static class ConfirmationLink
{
    public const string Unusable =
        "This confirmation link cannot be used: it has been used already, it has expired, or it was copied wrong. If you confirmed already, sign in.";
}

/// <summary>A shopper not in good standing, with every reason.</summary>
public sealed record NotInGoodStanding(IReadOnlyList<string> Reasons) : Conflict(
    $"You cannot become an agent while your account is not in good standing: {string.Join(" ", Reasons)}");

/// <summary>This server sends no e-mail (no SMTP server or no <c>Ombud:Mail:AppUrl</c>), so no sign-up could be confirmed.</summary>
public sealed record SignUpClosed() : Conflict(
    "Signing up is not open on this server: it cannot e-mail the confirmation link. Ask the provider to invite you instead.");
