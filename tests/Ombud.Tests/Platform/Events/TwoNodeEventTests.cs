using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Xunit.Abstractions;

namespace Ombud.Tests.Platform.Events;

/// <summary>
/// The must-show of events between modules: two real <c>ombud serve</c> nodes on one PostgreSQL take a burst of
/// 10,000 orders, one node is killed (SIGKILL) while both hand <c>order.placed</c> to the subscribers, and still every
/// subscriber handles every acknowledged order's event exactly once in effect. A subscriber that fails every event
/// fills the dead-letter list, and a replay hands them all to it once it works.
/// </summary>
public sealed class TwoNodeEventTests(ITestOutputHelper output)
{
    private const int Orders = 10_000;

    [Fact]
    public async Task Two_nodes_hand_every_event_of_10000_orders_to_each_subscriber_exactly_once_though_one_is_killed()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        var now = DateTimeOffset.UtcNow;
        // The nodes' failing probe refuses everything for a day; the in-process host's clock is two days on, so after
        // the replay it is the one that succeeds.
        var probe = new Dictionary<string, string?>
        {
            ["Ombud:Events:Probe:Enabled"] = "true",
            ["Ombud:Events:Probe:EventTypes:0"] = "order.placed",
            ["Ombud:Events:Probe:FailUntil"] = now.AddDays(1).ToString("O"),
        };
        await using var app = await OmbudTestApp.StartOnAsync(database, now.AddDays(2), settings: probe);
        var env = CliTests.Env(database);
        foreach (var (setting, value) in probe)
        {
            env[setting.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        env["Ombud__Events__MaxAttempts"] = "2";
        env["Ombud__Events__FirstRetryMilliseconds"] = "100";
        env["Ombud__Events__LeaseSeconds"] = "5";
        env["Logging__LogLevel__Ombud.Platform"] = "Error";
        await using var doomed = await OmbudProcess.ServeAsync(env);
        var survivor = await OmbudProcess.ServeAsync(env);
        try
        {
            await BurstKillAndReplayAsync(app, database, doomed, survivor, watch);
        }
        finally
        {
            await survivor.DisposeAsync();
        }
    }

    private async Task BurstKillAndReplayAsync(OmbudTestApp app, TestDatabase database, OmbudProcess doomed, OmbudProcess survivor, Stopwatch watch)
    {
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        output.WriteLine($"{watch.Elapsed}: both nodes ready");

        var key = await app.CreateKeyAsync(Scopes.Ingest, Scopes.Admin);
        using var client = new HttpClient { BaseAddress = new Uri(survivor.Url!), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var feed = new Feed(client);
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();

        var acknowledged = 0;
        var burst = Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var response = await feed.PostAsync("orders", Feed.Order(customer, merchant));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Interlocked.Increment(ref acknowledged);
        });
        var doomedNode = $"%:{doomed.ProcessId}";
        await Eventually.HoldsAsync(async () => await CountAsync(db, $"SELECT count(*) FROM platform_event_probe WHERE \"Node\" LIKE '{doomedNode}'") >= 2_000,
            TimeSpan.FromMinutes(10), "the first node handles some of the events");
        var handledAtKill = await CountAsync(db, "SELECT count(*) FROM platform_event_probe WHERE \"Subscriber\" = 'probe'");
        output.WriteLine($"{watch.Elapsed}: killing the first node with {acknowledged} orders in, {handledAtKill} events probed");
        await doomed.KillAsync();
        await burst;
        output.WriteLine($"{watch.Elapsed}: {acknowledged} orders acknowledged");

        await Eventually.HoldsAsync(async () => await CountAsync(db, "SELECT count(*) FROM platform_event_probe WHERE \"Subscriber\" = 'probe'") >= Orders
                                                && await CountAsync(db, "SELECT count(*) FROM platform_event_deliveries WHERE \"Subscriber\" = 'probe.failing' AND \"Status\" = 'Dead'") >= Orders,
            // A bound on liveness, not a speed target: ~50,000 deliveries on a shared two-core machine took 8–10 minutes.
            TimeSpan.FromMinutes(20), "the surviving node handles the rest and the failing subscriber's deliveries all die");
        output.WriteLine($"{watch.Elapsed}: every event probed, every failing delivery dead");
        // Stopped so that only the in-process host, whose clock is past the failing probe's day, handles the replay.
        await survivor.KillAsync();

        Assert.True(handledAtKill < Orders, "the kill came after every event was handled, so it proved nothing");
        Assert.Equal(Orders, acknowledged);
        Assert.Equal(Orders, await CountAsync(db, "SELECT count(*) FROM platform_outbox WHERE \"Type\" = 'order.placed'"));
        Assert.Equal(Orders, await CountAsync(db, "SELECT count(*) FROM platform_event_probe WHERE \"Subscriber\" = 'probe'"));
        Assert.Equal(Orders, await CountAsync(db, "SELECT count(DISTINCT \"EventId\") FROM platform_event_probe WHERE \"Subscriber\" = 'probe'"));
        Assert.Equal(2L, await CountAsync(db, "SELECT count(DISTINCT \"Node\") FROM platform_event_probe WHERE \"Subscriber\" = 'probe'"));
        Assert.Equal(0L, await CountAsync(db, "SELECT count(*) FROM platform_event_probe WHERE \"Subscriber\" = 'probe.failing'"));

        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var dead = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/dead-letters?subscriber=probe.failing");
        Assert.Equal(Orders, dead.GetProperty("eventCount").GetInt32());
        Assert.Contains("refuses events until", dead.GetProperty("events")[0].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var replay = await admin.PostAsync("/api/v1/admin/dead-letters/events/probe.failing/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(Orders, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        var handled = await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(FailingEventProbe.Subscriber, default);
        output.WriteLine($"{watch.Elapsed}: {handled} replayed deliveries handled");

        Assert.Equal(Orders, handled);
        Assert.Equal(Orders, await CountAsync(db, "SELECT count(DISTINCT \"EventId\") FROM platform_event_probe WHERE \"Subscriber\" = 'probe.failing'"));
        Assert.Equal(Orders, await CountAsync(db, "SELECT count(*) FROM platform_event_probe WHERE \"Subscriber\" = 'probe.failing'"));
        Assert.Equal(0L, await CountAsync(db, "SELECT count(*) FROM platform_event_deliveries WHERE \"Status\" <> 'Done'"));
        Assert.Equal(1L, await CountAsync(db, "SELECT count(*) FROM platform_audit_log WHERE \"Action\" = 'events.replayed'"));
    }

    private static async Task<long> CountAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
