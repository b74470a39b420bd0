using Npgsql;

namespace Ombud.Tests.Support;

/// <summary>The migrated PostgreSQL template database of this test process (see <see cref="MigratedTemplates"/>).</summary>
internal static class PostgresTemplate
{
    // Any fixed number; with a hash of the template's name it makes the advisory lock that says "this template is in use".
    private const int LockClass = 0x4F4D42;

    // Not "ombud_template_": the first version of this class took no lock, and its templates, live in another engineer's
    // run on a shared server, must never be taken for orphans.
    private const string Prefix = "ombud_tpl_";

    private static readonly Lazy<Task<string>> Template = new(BuildAsync);

    // The session that holds the template's lock; PostgreSQL lets go of it when this process ends, however it ends.
    private static NpgsqlConnection? _owner;

    /// <summary>Creates the database <paramref name="name"/> as a clone of the template.</summary>
    public static async Task CloneAsync(NpgsqlConnection admin, string name)
    {
        var template = await Template.Value;
        await ExecuteAsync(admin, $"CREATE DATABASE {name} TEMPLATE {template}");
    }

    private static async Task<string> BuildAsync()
    {
        var admin = TestDatabase.PostgresAdminConnectionString();
        var name = $"{Prefix}{Guid.NewGuid():N}";
        _owner = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await _owner.OpenAsync();
        await RemoveOrphansAsync(_owner);
        // Locked before it exists, so no other run ever finds it unlocked while this one lives.
        await ExecuteAsync(_owner, $"SELECT pg_advisory_lock({LockClass}, hashtext('{name}'))");
        await ExecuteAsync(_owner, $"CREATE DATABASE {name}");

        var used = await MigratedTemplates.MigrateAsync("postgres", new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);

        // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template: close the host's pooled
        // connections, forbid new ones (a stray one would fail every later clone), and cut off any that lingers.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(used));
        await ExecuteAsync(_owner, $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
        await ExecuteAsync(_owner, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        return name;
    }

    /// <summary>Drops the templates of runs that are over: nobody holds their lock any more.</summary>
    private static async Task RemoveOrphansAsync(NpgsqlConnection connection)
    {
        var names = new List<string>();
        await using (var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE starts_with(datname, '{Prefix}')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockClass}, hashtext('{name}'))", connection);
            if ((bool)(await take.ExecuteScalarAsync())!)
            {
                await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockClass}, hashtext('{name}'))");
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
