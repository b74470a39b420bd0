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
}
