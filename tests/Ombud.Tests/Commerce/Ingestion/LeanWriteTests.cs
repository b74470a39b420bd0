using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.Ingestion;
using Ombud.Conversations.Storage;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Idempotency;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Ingestion;

/// <summary>The order's lean write path: its rows, its event and its idempotency record, in the one transaction.</summary>
public sealed class LeanWriteTests
{
    private static readonly Dictionary<string, string?> ProbeOnOrders = new()
    {
        ["Ombud:Events:Probe:Enabled"] = "true",
        ["Ombud:Events:Probe:EventTypes:0"] = OrderPlaced.Type,
    };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_placed_order_carries_its_event_to_each_subscriber_and_a_refused_one_none(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: ProbeOnOrders);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();

        var placed = await feed.CreateAsync("orders", Feed.Order(customer, merchant));
        var refused = await feed.PostAsync("orders", Feed.Order(Guid.NewGuid(), merchant));
        var batch = await feed.PostAsync("orders/batch", new JsonObject
        {
            ["orders"] = new JsonArray(new JsonObject { ["order"] = Feed.Order(customer, merchant) }, new JsonObject { ["order"] = Feed.Order(customer, Guid.NewGuid()) }),
        });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (refused.StatusCode, batch.StatusCode));
        var events = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Type == OrderPlaced.Type).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.Contains(events, e => JsonSerializer.Deserialize<OrderPlaced>(e.Payload, EventJson.Options)!.OrderId == placed);
        // Every subscriber of order.placed gets its own delivery (risk scoring too); the probe's are the ones to look at here.
        var deliveries = await app.WithDbAsync(db => db.Set<EventDelivery>()
            .Where(d => d.EventType == OrderPlaced.Type && d.Subscriber == EventProbe.Subscriber).ToListAsync());
        Assert.Equal(events.Select(e => e.Id).Order(), deliveries.Select(d => d.EventId).Order());
        Assert.All(deliveries, d => Assert.Equal((EventProbe.Subscriber, WorkStatus.Pending), (d.Subscriber, d.Status)));

        // The deliveries are work a node can take like any other.
        Assert.Equal(2, await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(EventProbe.Subscriber, default));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_orders_idempotency_record_keeps_its_hash_and_location_and_the_replay_is_read_back(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var body = Feed.Order(customer, merchant);
        body["placedAt"] = "2026-11-23T08:15:30.1234567Z"; // finer than PostgreSQL keeps: the answer must be what is stored

        var first = await feed.PostAsync("orders", body, "order-1");
        var replay = await feed.PostAsync("orders", body, "order-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, replay.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        var record = await app.WithDbAsync(db => db.IdempotencyRecords.SingleAsync(r => r.Key == "order-1"));
        Assert.Null(record.ResponseBody);
        Assert.Equal((201, first.Headers.Location!.ToString()), (record.Status, record.Location));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Keys_are_kept_for_the_configured_hours_then_swept_and_a_late_retry_is_a_new_request(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Ombud:Idempotency:KeepHours"] = "2" });
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        await feed.PostAsync("orders", Feed.Order(customer, merchant), "early");
        app.Clock.Advance(TimeSpan.FromHours(1.5));
        await feed.PostAsync("orders", Feed.Order(customer, merchant), "later");
        app.Clock.Advance(TimeSpan.FromHours(1));

        var swept = await Sweep(app);
        var keys = await app.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == "early" || r.Key == "later").Select(r => r.Key).ToListAsync());
        var retryLater = await feed.PostAsync("orders", Feed.Order(customer, merchant), "later");
        var retryEarly = await feed.PostAsync("orders", Feed.Order(customer, merchant), "early");

        Assert.Equal(1, swept);
        Assert.Equal(["later"], keys);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (retryLater.StatusCode, retryEarly.StatusCode));
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Fact]
    public void The_lean_rows_fill_every_column_the_model_requires_and_only_columns_it_has()
    {
        using var db = new SqliteOmbudDb(new DbContextOptionsBuilder<SqliteOmbudDb>().UseSqlite("Data Source=:memory:").Options);
        foreach (var table in new[] { OrderRows.Orders, OrderRows.Lines, OrderRows.Plans, OrderRows.Instalments, DecisionRows.Decisions, AuditLog.Entries, MessageRows.Messages })
        {
            var store = StoreObjectIdentifier.Table(table.Name);
            var columns = db.Model.GetEntityTypes().Where(e => e.GetTableName() == table.Name)
                .SelectMany(e => e.GetProperties().Select(p => (Name: p.GetColumnName(store)!, Required: !p.IsColumnNullable(store))))
                .DistinctBy(c => c.Name).ToList();
            var written = table.Columns.Select(c => c.Name).ToHashSet();

            Assert.NotEmpty(columns);
            Assert.Empty(written.Except(columns.Select(c => c.Name)));
            Assert.Empty(columns.Where(c => c.Required && !written.Contains(c.Name)).Select(c => c.Name));
        }
    }

    private static async Task<int> Sweep(OmbudTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdempotencyExpiry>().SweepAsync(default);
    }
}
