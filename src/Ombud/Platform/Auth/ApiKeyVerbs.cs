using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Auth;

/// <summary><c>ombud apikey create|list|revoke</c>: keys for the provider's systems, made by an operator on the box.</summary>
internal static class ApiKeyVerbs
{
    public static Command Create()
    {
        var apikey = new Command("apikey", "Create, list and revoke API keys for systems.");
        apikey.Subcommands.Add(CreateVerb());
        apikey.Subcommands.Add(ListVerb());
        apikey.Subcommands.Add(RevokeVerb());
        return apikey;
    }

    private static Command ListVerb()
    {
        var command = new Command("list", "List keys: id, name, scopes, created, revoked. Secrets are never shown; they are not stored.");
        command.SetAction((_, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            foreach (var key in await services.GetRequiredService<ApiKeyRegistry>().ListAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync($"{key.Id}  {key.Name}  [{string.Join(' ', key.Scopes)}]  created {key.CreatedAt:u}{(key.RevokedAt is { } at ? $"  revoked {at:u}" : "")}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command RevokeVerb()
    {
        var id = new Option<Guid>("--id") { Description = "The key's id, as 'apikey list' shows it.", Required = true };
        var command = new Command("revoke", "Revoke a key. Nodes stop accepting it within 30 seconds.") { id };
        command.SetAction((parsed, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var revoked = await services.GetRequiredService<ApiKeyRegistry>().RevokeAsync("cli", parsed.GetValue(id), cancellationToken);
            if (!revoked.Succeeded)
            {
                await Console.Error.WriteLineAsync($"ombud: {(revoked.Error is NotFound ? $"no API key with id {parsed.GetValue(id)}." : revoked.Error!.Detail)}");
                return 1;
            }

            await Console.Out.WriteLineAsync($"Revoked API key {revoked.Value!.Id} '{revoked.Value.Name}'.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command CreateVerb()
    {
        var name = new Option<string>("--name") { Description = "Who the key is for, e.g. 'checkout-service'.", Required = true };
        var scopes = new Option<string[]>("--scope")
        {
            Description = $"A scope: {Scopes.Ingest}, {Scopes.Risk}, {Scopes.Admin} or {Scopes.MerchantPrefix}<merchant id>. Repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        scopes.Validators.Add(result =>
        {
            foreach (var scope in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Scopes.IsValid(scope))
                {
                    result.AddError($"'{scope}' is not a scope. Use {Scopes.Ingest}, {Scopes.Risk}, {Scopes.Admin} or {Scopes.MerchantPrefix}<merchant id>.");
                }
            }
        });
        name.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
            {
                result.AddError("--name needs 1 to 100 characters.");
            }
        });

        var command = new Command("create", "Create a key. The key is printed once, alone on the last line; only its hash is kept.")
        {
            name,
            scopes,
        };
        command.SetAction((parsed, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var created = await services.GetRequiredService<ApiKeyRegistry>().CreateAsync("cli", parsed.GetValue(name), parsed.GetValue(scopes), cancellationToken);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync($"ombud: {created.Error!.Detail}");
                return 1;
            }

            var key = created.Value!.Key;
            await Console.Out.WriteLineAsync($"Created API key {key.Id} '{key.Name}' with scopes: {string.Join(' ', key.Scopes)}. Store it now; it is not shown again.");
            await Console.Out.WriteLineAsync(created.Value.Secret);
            return 0;
        }, cancellationToken));
        return command;
    }
}
