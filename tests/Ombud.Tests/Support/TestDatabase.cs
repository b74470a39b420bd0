using Npgsql;

namespace Ombud.Tests.Support;

/// <summary>The two providers every storage-touching test runs on.</summary>
public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh database for one test host: a temp SQLite file, or a new database on the PostgreSQL server that ./test.sh
/// started (OMBUD_TEST_POSTGRES). A missing server is a failure, never a skip. It comes migrated (a copy of
/// <see cref="MigratedTemplates"/>) unless the test is about migrating: those ask for <see cref="CreateEmptyAsync"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresName;

    private TestDatabase(Provider provider, bool isMigrated, string connectionString, string? directory, string? postgresName)
    {
        Provider = provider;
        IsMigrated = isMigrated;
        ConnectionString = connectionString;
        _directory = directory;
        _postgresName = postgresName;
    }

    public Provider Provider { get; }

    /// <summary>
    /// Made from the migrated template, so a test host on it starts as <c>serve --no-migrate</c> would. Even with
    /// nothing pending, EF's migrate step compares the model with the last snapshot: up to a second per host on a busy
    /// machine, which would eat most of what copying the template saves.
    /// </summary>
    public bool IsMigrated { get; }

    public string ConnectionString { get; }

    public string ProviderName => Provider == Provider.Postgres ? "postgres" : "sqlite";

    /// <summary>A database with every migration applied and no data, as a node leaves it after its first start.</summary>
    public static Task<TestDatabase> CreateAsync(Provider provider) => NewAsync(provider, migrated: true);

    /// <summary>A database with nothing in it, not even the migrations' history: for tests of migrating itself.</summary>
    public static Task<TestDatabase> CreateEmptyAsync(Provider provider) => NewAsync(provider, migrated: false);

    private static async Task<TestDatabase> NewAsync(Provider provider, bool migrated)
    {
        if (provider == Provider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("ombud-test-").FullName;
            var path = Path.Combine(directory, "ombud.db");
            if (migrated)
            {
                await SqliteTemplate.CopyToAsync(path);
            }

            return new TestDatabase(provider, migrated, $"Data Source={path}", directory, null);
        }

        var admin = PostgresAdminConnectionString();
        var name = $"ombud_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            if (migrated)
            {
                await PostgresTemplate.CloneAsync(connection, name);
            }
            else
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, migrated, builder.ConnectionString, null, name);
    }

    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable("OMBUD_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "OMBUD_TEST_POSTGRES is not set: the PostgreSQL tests need the server that ./test.sh starts. Run the tests with ./test.sh.");

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a pooled connection on another thread; the temp folder is cleaned by the OS.
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresAdminConnectionString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
