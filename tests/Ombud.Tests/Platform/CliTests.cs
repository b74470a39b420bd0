using System.Net;
using System.Net.Http.Headers;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

public sealed class CliTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("serve", "--no-such-option")]
    [InlineData("apikey", "create", "--name", "x", "--scope", "everything")]
    [InlineData("apikey", "create", "--scope", "ingest")]
    public async Task Unknown_verbs_options_and_bad_values_exit_with_2_and_say_why(params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);

        var (exitCode, _, stderr) = await OmbudProcess.RunAsync(Env(database), args);

        Assert.Equal(2, exitCode);
        Assert.Contains("ombud:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("migrate")]
    [InlineData("seed")]
    [InlineData("apikey")]
    [InlineData("apikey", "create")]
    [InlineData("simulate")]
    public async Task Every_verb_explains_itself_with_help(params string[] verb)
    {
        var (exitCode, stdout, _) = await OmbudProcess.RunAsync(new Dictionary<string, string>(), [.. verb, "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Serve_says_once_where_it_is_ready_in_readable_lines_or_in_json_as_asked(string format)
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = Env(database);
        env["Ombud__Logging__Format"] = format;
        env["Logging__LogLevel__Ombud"] = "Information"; // the test processes log warnings only, unless told

        await using var node = await OmbudProcess.ServeAsync(env);
        await Eventually.HoldsAsync(() => Task.FromResult(node.Output.Contains("Ombud is ready at", StringComparison.Ordinal)), TimeSpan.FromMinutes(1),
            "the ready line is written");
        var ready = Assert.Single(node.Output.Split('\n'), l => l.Contains("Ombud is ready at", StringComparison.Ordinal));

        Assert.Contains($"Ombud is ready at {node.Url}", ready, StringComparison.Ordinal);
        if (format == "json")
        {
            Assert.Equal("Information", System.Text.Json.JsonDocument.Parse(ready).RootElement.GetProperty("LogLevel").GetString());
        }
        else
        {
            Assert.Matches(@"^\d\d:\d\d:\d\d info: Ombud", ready);
        }
    }

    [Fact]
    public async Task A_first_start_with_the_demo_world_writes_no_warning()
    {
        // As a newcomer starts it: an empty database, demo mode, no key-encryption certificate.
        await using var database = await TestDatabase.CreateEmptyAsync(Provider.Sqlite);
        var env = Env(database);
        env["Ombud__Demo"] = "true";
        env["Ombud__DataProtection__CertificatePath"] = "";
        env["Ombud__Logging__Format"] = "text";
        env["Logging__LogLevel__Ombud"] = "Information"; // for the ready line; everything else logs warnings only

        await using var node = await OmbudProcess.ServeAsync(env);
        await Eventually.HoldsAsync(() => Task.FromResult(node.Output.Contains("Ombud is ready at", StringComparison.Ordinal)), TimeSpan.FromMinutes(2),
            "the ready line is written");

        Assert.Contains("Seeding a demo world", node.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\d\d:\d\d:\d\d (warn|fail|crit):", node.Output);
    }

    [Fact]
    public async Task A_key_made_with_apikey_create_is_printed_once_and_opens_the_api()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = Env(database);

        var (exitCode, stdout, _) = await OmbudProcess.RunAsync(env, "apikey", "create", "--name", "checkout", "--scope", "ingest", "--scope", "risk");
        var key = stdout.TrimEnd().Split('\n')[^1];
        await using var node = await OmbudProcess.ServeAsync(env);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("ombud_", key, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(key, node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_listed_as_revoked_and_no_longer_opens_the_api()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = Env(database);
        var created = await OmbudProcess.RunAsync(env, "apikey", "create", "--name", "old-system", "--scope", "ingest");
        var id = created.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        var key = created.StandardOutput.TrimEnd().Split('\n')[^1];

        var revoked = await OmbudProcess.RunAsync(env, "apikey", "revoke", "--id", id);
        var listed = await OmbudProcess.RunAsync(env, "apikey", "list");
        await using var node = await OmbudProcess.ServeAsync(env);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains($"{id}  old-system  [ingest]", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("revoked", listed.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Migrate_brings_an_empty_database_up_to_date_and_is_harmless_twice()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Provider.Postgres);

        var first = await OmbudProcess.RunAsync(Env(database), "migrate");
        var second = await OmbudProcess.RunAsync(Env(database), "migrate");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("up to date", second.StandardOutput, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string> Env(TestDatabase database) => new()
    {
        ["Ombud__Database__Provider"] = database.ProviderName,
        ["Ombud__Database__ConnectionString"] = database.ConnectionString,
        ["Ombud__Demo"] = "false",
    };
}
