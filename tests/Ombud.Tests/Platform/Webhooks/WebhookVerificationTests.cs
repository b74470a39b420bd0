using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Webhooks;

/// <summary>
/// A dispute webhook as a merchant receives it, checked with the reference <c>standardwebhooks</c> npm package: the
/// genuine message verifies; a changed body, an old timestamp or a retired secret does not.
/// </summary>
public sealed class WebhookVerificationTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_delivered_dispute_webhook_verifies_with_the_reference_library_and_a_tampered_or_old_one_does_not(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var desk = await WebhookDesk.StartAsync(provider, runDispatcher: true);
        var (merchant, order) = await desk.MerchantWithOrderAsync();
        var endpoint = await WebhookDesk.RegisterAsync(await desk.MerchantClientAsync(merchant), receiver.Url);
        var secret = endpoint.GetProperty("secret").GetString()!;

        var dispute = await desk.ReportAsync(order);
        // The hosted dispatcher waits on the test's clock between passes: move it on until the webhook arrives.
        var webhook = (await receiver.WaitForAsync(1, () =>
        {
            desk.App.Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        }))[0];
        var now = desk.App.Clock.GetUtcNow();

        var body = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal("dispute.reported", body.GetProperty("type").GetString());
        Assert.Equal(dispute.Id, body.GetProperty("data").GetProperty("disputeId").GetGuid());
        Assert.Equal(merchant, body.GetProperty("data").GetProperty("merchantId").GetGuid());
        Assert.Equal("reported", body.GetProperty("data").GetProperty("to").GetString());
        Assert.StartsWith("msg_", webhook.Id, StringComparison.Ordinal);
        Assert.StartsWith("v1,", webhook.Headers["webhook-signature"], StringComparison.Ordinal);
        Assert.InRange(webhook.Timestamp, now.ToUnixTimeSeconds() - 60, now.ToUnixTimeSeconds());

        var genuine = await StandardWebhooksVerifier.VerifyAsync(secret, webhook.Headers, webhook.Body, now);
        var tampered = await StandardWebhooksVerifier.VerifyAsync(secret, webhook.Headers,
            webhook.Body.Replace("\"disputedMinor\":", "\"disputedMinor\":1", StringComparison.Ordinal), now);
        var replayedLater = await StandardWebhooksVerifier.VerifyAsync(secret, webhook.Headers, webhook.Body, now.AddMinutes(6));
        var otherSecret = await StandardWebhooksVerifier.VerifyAsync(Ombud.Platform.Webhooks.WebhookSignature.NewSecret(), webhook.Headers, webhook.Body, now);

        Assert.True(genuine.Verified, genuine.Output);
        Assert.False(tampered.Verified, tampered.Output);
        Assert.Contains("No matching signature", tampered.Output, StringComparison.Ordinal);
        Assert.False(replayedLater.Verified, replayedLater.Output);
        Assert.Contains("too old", replayedLater.Output, StringComparison.Ordinal);
        Assert.False(otherSecret.Verified, otherSecret.Output);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task After_a_rotation_both_secrets_verify_until_the_overlap_ends_then_only_the_new_one(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var desk = await WebhookDesk.StartAsync(provider);
        var (merchant, order) = await desk.MerchantWithOrderAsync();
        var client = await desk.MerchantClientAsync(merchant);
        var endpoint = await WebhookDesk.RegisterAsync(client, receiver.Url);
        var id = endpoint.GetProperty("id").GetGuid();
        var oldSecret = endpoint.GetProperty("secret").GetString()!;

        var rotation = await (await client.PostAsync(new Uri($"/api/v1/webhooks/endpoints/{id}/rotate-secret", UriKind.Relative), null))
            .Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotation.GetProperty("secret").GetString()!;
        var dispute = await desk.ReportAsync(order);
        await desk.DispatchAsync();
        var during = Assert.Single(receiver.Captured);
        var duringAt = desk.App.Clock.GetUtcNow();

        desk.App.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await desk.Disputes.DoAsync(s => s.AddInformationAsync(dispute.Id, "Tracking shows it stuck in Malmö", "customer:shopper", default));
        await desk.DispatchAsync();
        var after = receiver.Captured[^1];
        var afterAt = desk.App.Clock.GetUtcNow();

        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(2, during.Headers["webhook-signature"].Split(' ').Length);
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(newSecret, during.Headers, during.Body, duringAt)).Verified);
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(oldSecret, during.Headers, during.Body, duringAt)).Verified);
        Assert.Single(after.Headers["webhook-signature"].Split(' '));
        Assert.True((await StandardWebhooksVerifier.VerifyAsync(newSecret, after.Headers, after.Body, afterAt)).Verified);
        Assert.False((await StandardWebhooksVerifier.VerifyAsync(oldSecret, after.Headers, after.Body, afterAt)).Verified);
    }
}
