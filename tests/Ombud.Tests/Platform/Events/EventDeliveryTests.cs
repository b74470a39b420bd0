using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Events;

/// <summary>Events reach each subscriber once in effect; what keeps failing waits in the dead-letter list for a replay.</summary>
public sealed class EventDeliveryTests
{
    private static readonly DateTimeOffset FailUntil = OmbudTestApp.DefaultStart.AddHours(1);

    private static Dictionary<string, string?> Probe(bool failing) => new()
    {
        ["Ombud:Events:Probe:Enabled"] = "true",
        ["Ombud:Events:Probe:EventTypes:0"] = "test.happened",
        ["Ombud:Events:Probe:FailUntil"] = failing ? FailUntil.ToString("O") : null,
        ["Ombud:Events:MaxAttempts"] = "3",
    };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Each_event_is_handled_once_by_its_subscriber_even_by_racing_passes_and_not_at_all_by_others(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: Probe(failing: false));
        await TestEvents.PublishAsync(app, "test.happened", 30);
        await TestEvents.PublishAsync(app, "test.ignored", 5);

        var dispatch = app.Services.GetRequiredService<EventDispatch>();
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => dispatch.RunOnceAsync(null, default))));
        var again = await dispatch.RunOnceAsync(null, default);

        Assert.Equal(30, passes.Sum());
        Assert.Equal(0, again);
        var probed = await app.WithDbAsync(db => db.Set<EventProbeRecord>().Select(r => r.EventId).ToListAsync());
        Assert.Equal(30, probed.Count);
        Assert.Equal(30, probed.Distinct().Count());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EventDelivery>().CountAsync(d => d.EventType == "test.ignored")));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EventDelivery>().CountAsync(d => d.Status != WorkStatus.Done)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_failing_subscriber_backs_off_then_its_events_wait_as_dead_letters_until_an_admin_replays_them(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: Probe(failing: true));
        await TestEvents.PublishAsync(app, "test.happened", 3);
        var dispatch = app.Services.GetRequiredService<EventDispatch>();

        var healthy = await dispatch.RunOnceAsync(EventProbe.Subscriber, default);
        var first = await dispatch.RunOnceAsync(FailingEventProbe.Subscriber, default);
        var tooSoon = await dispatch.RunOnceAsync(FailingEventProbe.Subscriber, default);
        for (var attempt = 1; attempt < 3; attempt++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(attempt));
            await dispatch.RunOnceAsync(FailingEventProbe.Subscriber, default);
        }

        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var dead = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/dead-letters?subscriber=probe.failing");
        var ingest = await app.ClientWithKeyAsync(Scopes.Ingest);
        var refused = await ingest.PostAsync("/api/v1/admin/dead-letters/events/probe.failing/replay", null);
        var unknown = await admin.PostAsync("/api/v1/admin/dead-letters/events/no.such.subscriber/replay", null);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var stillDead = await dispatch.RunOnceAsync(FailingEventProbe.Subscriber, default);
        var replay = await admin.PostAsync("/api/v1/admin/dead-letters/events/probe.failing/replay", null);
        var replayed = await dispatch.RunOnceAsync(FailingEventProbe.Subscriber, default);

        Assert.Equal((3, 0, 0), (healthy, first, tooSoon));
        Assert.Equal(3, dead.GetProperty("eventCount").GetInt32());
        var letter = dead.GetProperty("events")[0];
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.Contains("refuses events until", letter.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, stillDead);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(3, replayed);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<EventProbeRecord>().CountAsync(r => r.Subscriber == FailingEventProbe.Subscriber)));
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<EventProbeRecord>().CountAsync(r => r.Subscriber == EventProbe.Subscriber)));
        Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "events.replayed").ToListAsync()));
    }
}
