using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Commerce;
using Ombud.Platform.Storage;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

/// <summary>
/// A node whose PostgreSQL connection pool has run out, or whose SQLite writer has more requests waiting than its bound,
/// answers 503 with Retry-After, never a 500 and never a queue of minutes.
/// </summary>
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
        await AssertBusyAsync(busy, "Retry-After");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_full_write_queue_on_sqlite_answers_503_with_retry_after_and_changes_nothing()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Ombud:Database:MaxWaitingRequests"] = "1",
        });
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var gate = app.Services.GetRequiredService<WriteGate>();
        var customersBefore = await app.WithDbAsync(db => db.Set<Customer>().CountAsync());

        // The writer is busy and one shopper's request already waits: the lane is full.
        var holder = await gate.EnterAsync(WriteLane.Background, default);
        var waiting = gate.EnterAsync(new WriteTurn { Lane = WriteLane.Requests, MayBeTurnedAway = true }, default).AsTask();
        var busy = await feed.PostAsync("customers", Feed.Customer("turned-away"), "busy-1");
        var customersWhileBusy = await app.WithDbAsync(db => db.Set<Customer>().CountAsync());
        holder.Dispose();
        (await waiting).Dispose();
        var retried = await feed.PostAsync("customers", Feed.Customer("turned-away"), "busy-1");

        await AssertBusyAsync(busy, "Nothing was changed");
        Assert.Equal(customersBefore, customersWhileBusy);
        // Below the bound, the same request (same idempotency key: nothing of the first was kept) goes through.
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(customersBefore + 1, await app.WithDbAsync(db => db.Set<Customer>().CountAsync()));
    }

    /// <summary>A 503 as problem details, with Retry-After 2 s and a detail that says <paramref name="detailSays"/>.</summary>
    private static async Task AssertBusyAsync(HttpResponseMessage busy, string detailSays)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await busy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailSays, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
