using Microsoft.Data.Sqlite;
using Ombud.Tests.Platform;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.DemoWorld;

/// <summary><c>ombud seed</c> as an operator runs it: a process, its output, its exit code.</summary>
public sealed class SeedVerbTests
{
    [Theory]
    [InlineData("--customers", "0")]
    [InlineData("--customers", "-5")]
    [InlineData("--customers", "many")]
    [InlineData("--seed", "-1")]
    [InlineData("--as-of", "2026-13-01")]
    [InlineData("--shopper-accounts", "-1")]
    [InlineData("--shopper-accounts", "501")]
    public async Task Seed_refuses_bad_values_as_a_usage_error(string option, string value)
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);

        var (exitCode, _, stderr) = await OmbudProcess.RunAsync(CliTests.Env(database), "seed", option, value);

        Assert.Equal(OmbudCli.UsageError, exitCode);
        Assert.Contains($"ombud: ", stderr, StringComparison.Ordinal);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_reports_progress_in_plain_lines_when_piped_and_will_not_seed_a_database_twice()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = CliTests.Env(database);

        var first = await OmbudProcess.RunAsync(env, "seed", "--customers", "40", "--seed", "3", "--as-of", "2026-06-30");
        var second = await OmbudProcess.RunAsync(env, "seed", "--customers", "40", "--seed", "3");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("seeding: 100% (40/40 customers)", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Seeded a demo world of 40 customers (seed 3, as of 2026-06-30)", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("labelled orders", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already has customers", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Seeded", second.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_gives_the_first_customers_shopper_accounts_that_share_one_printed_password()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);

        var (exitCode, stdout, _) = await OmbudProcess.RunAsync(CliTests.Env(database), "seed", "--customers", "30", "--shopper-accounts", "5");

        Assert.Equal(0, exitCode);
        var lines = stdout.Split('\n', StringSplitOptions.TrimEntries);
        var emails = lines.Where(l => l.StartsWith("shopper-account ", StringComparison.Ordinal)).Select(l => l["shopper-account ".Length..]).ToList();
        var password = Assert.Single(lines, l => l.StartsWith("shopper-password ", StringComparison.Ordinal))["shopper-password ".Length..];
        Assert.Equal(5, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.True(password.Length >= 10);

        await using var db = new SqliteConnection(database.ConnectionString);
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        // Each is a shopper of its own customer with the customer's e-mail, confirmed, and not a demo account.
        query.CommandText = """
            SELECT count(*) FROM platform_users u
            JOIN commerce_customers c ON c.Id = u.CustomerId AND c.Email = u.Email
            JOIN platform_user_roles ur ON ur.UserId = u.Id
            JOIN platform_roles r ON r.Id = ur.RoleId AND r.Name = 'shopper'
            WHERE u.EmailConfirmed = 1 AND u.IsDemo = 0 AND u.PasswordHash IS NOT NULL
            """;
        Assert.Equal(5L, (long)(await query.ExecuteScalarAsync())!);
    }
}
