using Npgsql;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

public sealed class ManyNodesTests
{
    [Fact]
    public async Task Two_nodes_started_together_on_an_empty_database_both_become_ready_and_seed_once()
    {
        // Empty, not migrated: both nodes race to migrate, and the start-up lock is what this test is about.
        await using var database = await TestDatabase.CreateEmptyAsync(Provider.Postgres);
        var env = CliTests.Env(database);
        env["Ombud__Demo"] = "true";

        var starting = new[] { OmbudProcess.ServeAsync(env), OmbudProcess.ServeAsync(env) };
        try
        {
            await Task.WhenAll(starting);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            Assert.Equal(DemoWorldStartup.Customers, await CountAsync(connection, "SELECT count(*) FROM commerce_customers"));
            // Every role has its demo accounts (the marketplace adds agents of each tier), each account made once.
            foreach (var role in Roles.All)
            {
                Assert.InRange(await CountAsync(connection,
                    $"SELECT count(*) FROM platform_users u JOIN platform_user_roles ur ON ur.\"UserId\" = u.\"Id\" JOIN platform_roles r ON r.\"Id\" = ur.\"RoleId\" WHERE r.\"Name\" = '{role}'"),
                    1L, 10L);
            }

            Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) - count(DISTINCT \"NormalizedEmail\") FROM platform_users"));
            // Pooled connections go back without a session reset (No Reset On Close), so nothing but the holder's own
            // unlock frees the start-up lock: once both nodes are ready, no session of theirs may still hold it.
            Assert.Equal(0L, await CountAsync(connection,
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        }
        finally
        {
            foreach (var node in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await (await node).DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task On_postgres_outside_demo_mode_no_account_key_or_customer_exists_that_nobody_created()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        var env = CliTests.Env(database);
        env.Remove("Ombud__Demo");

        await using (await OmbudProcess.ServeAsync(env))
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM platform_users"));
            Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM platform_api_keys"));
            Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM commerce_customers"));
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
