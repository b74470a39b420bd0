using System.CommandLine;
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
        return apikey;
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
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var app = OmbudHost.Build(new HostSettings([], null, IsCommand: true));
            await app.Services.PrepareDatabaseAsync(migrate: true, _ => Task.CompletedTask, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var (key, secret) = ApiKey.Create(parsed.GetValue(name)!.Trim(), parsed.GetValue(scopes)!, clock.GetUtcNow().UtcDateTime);
            db.ApiKeys.Add(key);
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record("cli", "apikey.created", $"apikey:{key.Id}", $"name={key.Name}; scopes={key.Scopes}");
            await db.SaveChangesAsync(cancellationToken);
            await Console.Out.WriteLineAsync($"Created API key {key.Id} '{key.Name}' with scopes: {key.Scopes}. Store it now; it is not shown again.");
            await Console.Out.WriteLineAsync(secret);
            return 0;
        });
        return command;
    }
}
