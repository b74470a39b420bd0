using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Webhooks;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Webhooks;

/// <summary>Failed deliveries come again on the backoff schedule, every attempt is logged, and a replay resends the same message.</summary>
public sealed class WebhookRetryTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_receiver_that_fails_once_gets_the_webhook_again_after_the_backoff_and_a_replay_resends_it(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var desk = await WebhookDesk.StartAsync(provider);
        var (merchant, order) = await desk.MerchantWithOrderAsync();
        var client = await desk.MerchantClientAsync(merchant);
        var endpoint = (await WebhookDesk.RegisterAsync(client, receiver.Url)).GetProperty("id").GetString()!;
        receiver.AnswerNext(500);
        await desk.ReportAsync(order);
        var start = desk.App.Clock.GetUtcNow();

        await desk.DispatchAsync();
        desk.App.Clock.Advance(TimeSpan.FromSeconds(4));
        var tooEarly = await desk.DispatchAsync();
        var afterOneFailure = await WebhookDesk.OnlyDeliveryAsync(client, endpoint);
        desk.App.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await desk.DispatchAsync();
        var delivered = await WebhookDesk.OnlyDeliveryAsync(client, endpoint);

        Assert.Equal(0, tooEarly.Sent);
        Assert.Equal("pending", afterOneFailure.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal(start.AddSeconds(5).UtcDateTime, afterOneFailure.GetProperty("delivery").GetProperty("nextAttemptAt").GetDateTime());
        Assert.Equal(1, due.Sent);
        Assert.Equal("delivered", delivered.GetProperty("delivery").GetProperty("status").GetString());
        var attempts = delivered.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([500, 200], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(TimeSpan.FromSeconds(5), attempts[1].GetProperty("at").GetDateTime() - attempts[0].GetProperty("at").GetDateTime());
        Assert.Contains("maintenance", attempts[0].GetProperty("responseSnippet").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, receiver.Captured.Count);
        Assert.Equal(receiver.Captured[0].Id, receiver.Captured[1].Id);

        var deliveryId = delivered.GetProperty("delivery").GetProperty("id").GetGuid();
        var replay = await client.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{deliveryId}/replay", UriKind.Relative), null);
        var replayed = await replay.Content.ReadFromJsonAsync<JsonElement>();
        var afterReplay = await WebhookDesk.OnlyDeliveryAsync(client, endpoint);

        Assert.True(replay.IsSuccessStatusCode, replayed.ToString());
        Assert.True(replayed.GetProperty("replay").GetBoolean());
        Assert.Equal(200, replayed.GetProperty("statusCode").GetInt32());
        Assert.Equal(3, afterReplay.GetProperty("attempts").GetArrayLength());
        Assert.Equal(3, receiver.Captured.Count);
        Assert.Equal(receiver.Captured[0].Id, receiver.Captured[2].Id);
        Assert.Equal(receiver.Captured[0].Body, receiver.Captured[2].Body);
        Assert.Equal(1, await desk.App.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "webhook.delivery-replayed" && e.Subject == $"webhook-delivery:{deliveryId}")));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_receiver_that_never_answers_is_tried_for_more_than_a_day_then_the_delivery_fails(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var desk = await WebhookDesk.StartAsync(provider);
        var (merchant, order) = await desk.MerchantWithOrderAsync();
        var client = await desk.MerchantClientAsync(merchant);
        var endpoint = (await WebhookDesk.RegisterAsync(client, receiver.Url)).GetProperty("id").GetString()!;
        receiver.AnswerNext(Enumerable.Repeat(503, 20).ToArray());
        await desk.ReportAsync(order);
        var start = desk.App.Clock.GetUtcNow();

        await desk.DispatchAsync();
        foreach (var delay in WebhookRetrySchedule.Delays)
        {
            desk.App.Clock.Advance(delay);
            await desk.DispatchAsync();
        }

        desk.App.Clock.Advance(TimeSpan.FromDays(2));
        await desk.DispatchAsync();
        var failed = await WebhookDesk.OnlyDeliveryAsync(client, endpoint);
        var attempts = failed.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("at").GetDateTime()).ToList();

        Assert.Equal("failed", failed.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal(WebhookRetrySchedule.MaxAttempts, attempts.Count);
        Assert.Equal(WebhookRetrySchedule.MaxAttempts, receiver.Captured.Count);
        Assert.True(attempts[^1] - start.UtcDateTime > TimeSpan.FromDays(1), $"last attempt {attempts[^1]:O}, first {start:O}");
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("delivery").GetProperty("nextAttemptAt").ValueKind);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unreachable_endpoint_is_logged_as_a_failed_attempt_with_the_error_and_retried(Provider provider)
    {
        Uri gone;
        await using (var receiver = await WebhookReceiver.StartAsync())
        {
            gone = receiver.Url;
        }

        await using var desk = await WebhookDesk.StartAsync(provider);
        var (merchant, order) = await desk.MerchantWithOrderAsync();
        var client = await desk.MerchantClientAsync(merchant);
        var endpoint = (await WebhookDesk.RegisterAsync(client, gone)).GetProperty("id").GetString()!;
        await desk.ReportAsync(order);

        await desk.DispatchAsync();
        var pending = await WebhookDesk.OnlyDeliveryAsync(client, endpoint);

        var attempt = Assert.Single(pending.GetProperty("attempts").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.False(string.IsNullOrEmpty(attempt.GetProperty("error").GetString()));
        Assert.Equal("pending", pending.GetProperty("delivery").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Dispatchers_racing_on_one_database_send_each_delivery_once(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var desk = await WebhookDesk.StartAsync(provider);
        var providerDesk = await desk.ProviderClientAsync();
        await WebhookDesk.RegisterAsync(providerDesk, receiver.Url);
        const int disputes = 12;
        for (var i = 0; i < disputes; i++)
        {
            var (_, order) = await desk.MerchantWithOrderAsync();
            await desk.ReportAsync(order);
        }

        // Four passes at once, each on its own connections, as four nodes would run them.
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(desk.DispatchAsync)));
        await desk.DispatchAsync();

        Assert.Equal(disputes, passes.Sum(p => p.FannedOut));
        Assert.Equal(disputes, passes.Sum(p => p.Sent));
        Assert.Equal(disputes, receiver.Captured.Count);
        Assert.Equal(disputes, receiver.Captured.Select(c => c.Id).Distinct().Count());
    }
}
