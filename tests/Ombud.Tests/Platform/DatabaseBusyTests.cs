using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

/// <summary>A node whose PostgreSQL connection pool has run out answers 503 with Retry-After, never a 500.</summary>
public sealed class DatabaseBusyTests
{
    [Fact]
    public async Task An_exhausted_connection_pool_is_answered_503_with_retry_after_as_problem_details()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        await using var app = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart, settings: new Dictionary<string, string?>
        {
            // One connection, and a one-second wait for it: the test holds it, so the request finds none.
            ["Ombud:Database:ConnectionString"] = database.ConnectionString + ";Maximum Pool Size=1;Timeout=1",
        });
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var before = await admin.GetAsync("/api/v1/admin/dead-letters");

        await using var scope = app.Services.CreateAsyncScope();
        var holder = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        await holder.Database.OpenConnectionAsync();
        var busy = await admin.GetAsync("/api/v1/admin/dead-letters");
        await holder.Database.CloseConnectionAsync();
        var after = await admin.GetAsync("/api/v1/admin/dead-letters");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await busy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("Retry-After", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
