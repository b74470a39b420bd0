using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Privacy;

/// <summary><c>ombud privacy export|erase</c> as an operator runs them: clear words and a non-zero exit when they cannot act.</summary>
public sealed class PrivacyCliTests
{
    [Fact]
    public async Task Export_of_an_unknown_customer_or_to_an_unwritable_place_says_so_and_exits_non_zero()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = CliTests.Env(database);
        var file = Path.Combine(Path.GetTempPath(), $"ombud-export-{Guid.NewGuid():N}.zip");

        var unknown = await OmbudProcess.RunAsync(env, "privacy", "export", "--customer", Guid.NewGuid().ToString(), "--out", file);
        var unwritable = await OmbudProcess.RunAsync(env, "privacy", "export", "--customer", Guid.NewGuid().ToString(), "--out", "/no-such-dir/export.zip");
        var erase = await OmbudProcess.RunAsync(env, "privacy", "erase", "--customer", Guid.NewGuid().ToString(), "--yes");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no customer with id", unknown.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Equal(1, unwritable.ExitCode);
        Assert.Contains("cannot write /no-such-dir/export.zip", unwritable.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, erase.ExitCode);
        Assert.Contains("no customer with id", erase.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_exports_then_erases_only_with_yes_and_erasure_waits_for_an_open_dispute()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = CliTests.Env(database);
        DemoCustomer ulrika;
        await using (var app = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart))
        {
            ulrika = await DemoCustomer.CreateAsync(app);
        }

        var id = ulrika.Id.ToString();
        var blocked = await OmbudProcess.RunAsync(env, "privacy", "erase", "--customer", id, "--yes");
        Assert.Equal(1, blocked.ExitCode);
        Assert.Contains("open dispute", blocked.StandardError, StringComparison.Ordinal);

        await using (var app = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart))
        {
            await ulrika.SettleAsync(app, await (await DisputeParties.OpenAsync(app)).SignInAsync(DemoCustomer.SignInEmail));
        }

        var file = Path.Combine(Path.GetTempPath(), $"ombud-export-{Guid.NewGuid():N}.zip");
        try
        {
            var export = await OmbudProcess.RunAsync(env, "privacy", "export", "--customer", id, "--out", file);
            Assert.Equal(0, export.ExitCode);
            Assert.Contains("Gathering disputes", export.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"Exported customer {id}", export.StandardOutput, StringComparison.Ordinal);
            using (var archive = ZipFile.OpenRead(file))
            {
                Assert.Contains(archive.Entries, e => e.FullName == "customer.json");
                Assert.Contains(archive.Entries, e => e.FullName.StartsWith("files/evidence-", StringComparison.Ordinal));
            }

            var dryRun = await OmbudProcess.RunAsync(env, "privacy", "erase", "--customer", id);
            Assert.Equal(0, dryRun.ExitCode);
            Assert.Contains("Would erase", dryRun.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("conversations.messages", dryRun.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(DemoCustomer.Name, await NameAsync(database, ulrika.Id));

            var erase = await OmbudProcess.RunAsync(env, "privacy", "erase", "--customer", id, "--yes");
            Assert.Equal(0, erase.ExitCode);
            Assert.Contains($"Erased customer {id}", erase.StandardOutput, StringComparison.Ordinal);
            Assert.Equal($"erased-{ulrika.Id:N}", await NameAsync(database, ulrika.Id));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> NameAsync(TestDatabase database, Guid customer)
    {
        await using var app = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart);
        return await app.WithDbAsync(db => db.Set<Customer>().Where(c => c.Id == customer).Select(c => c.Name).SingleAsync());
    }
}
