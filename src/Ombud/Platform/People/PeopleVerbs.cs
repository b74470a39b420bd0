using System.CommandLine;

namespace Ombud.Platform.People;

/// <summary>
/// <c>ombud people invite</c>: an operator on the box invites a person, which is how a fresh install outside demo mode
/// gets its first admin. The set-password link is printed once, alone on the last line, relative to the server's address.
/// </summary>
internal static class PeopleVerbs
{
    public static Command Create()
    {
        var people = new Command("people", "Invite people who sign in to Ombud.");
        people.Subcommands.Add(InviteVerb());
        return people;
    }

    private static Command InviteVerb()
    {
        var email = new Option<string>("--email") { Description = "Their e-mail address; they sign in with it.", Required = true };
        var name = new Option<string>("--name") { Description = "Their name as others see it.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role: {string.Join(", ", StaffRoles.All)}. Repeat for several.", Required = true, AllowMultipleArgumentsPerToken = false,
        };
        var merchant = new Option<Guid?>("--merchant") { Description = "For the merchant role: the id of the merchant they act for." };
        var command = new Command("invite", "Invite a person. Prints their one-time set-password link (open it on this server's address).")
        {
            email, name, roles, merchant,
        };
        command.SetAction((parsed, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var invitation = new Invitation(parsed.GetValue(email), parsed.GetValue(name), parsed.GetValue(roles), parsed.GetValue(merchant));
            var invited = await services.GetRequiredService<Invitations>().InviteAsync("cli", invitation, siteUrl: null, cancellationToken);
            if (!invited.Succeeded)
            {
                var detail = invited.Error is Invalid invalid
                    ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value.Select(m => $"--{(e.Key == "merchantId" ? "merchant" : e.Key.TrimEnd('s'))}: {m}")))
                    : invited.Error!.Detail;
                await Console.Error.WriteLineAsync($"ombud: {detail}");
                return 1;
            }

            var person = invited.Value!.Person;
            await Console.Out.WriteLineAsync(
                $"Invited {person.Email} as {string.Join(", ", person.Roles)}. The link below works once, until {invited.Value.ExpiresAt:u}; open it on this server's address, e.g. {PlatformSetup.DefaultUrl}.");
            await Console.Out.WriteLineAsync(invited.Value.Link);
            return 0;
        }, cancellationToken));
        return command;
    }
}
