using System.Net;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

public sealed class HealthTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Ready_answers_200_when_the_database_is_reachable(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);

        var response = await app.Client().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_when_the_database_is_gone()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Postgres);
        await using (var connection = new Npgsql.NpgsqlConnection(TestDatabase.PostgresAdminConnectionString()))
        {
            await connection.OpenAsync();
            var name = new Npgsql.NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database;
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var response = await app.Client().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task With_a_redis_backplane_ready_means_redis_answers_too()
    {
        var redis = Environment.GetEnvironmentVariable("OMBUD_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("OMBUD_TEST_REDIS is not set: run the tests with ./test.sh, which starts Redis.");
        await using var reachable = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ombud:Redis"] = redis });
        await using var unreachable = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ombud:Redis"] = "127.0.0.1:1" });

        var up = await reachable.Client().GetAsync(new Uri("/health/ready", UriKind.Relative));
        var down = await unreachable.Client().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
    }
}
