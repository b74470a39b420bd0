using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Webhooks;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Webhooks;

/// <summary>Registering endpoints: who sees what, what is refused, and where the secret never shows.</summary>
public sealed class WebhookEndpointTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_merchant_gets_its_own_disputes_the_provider_gets_all_and_neither_sees_another_merchants_endpoints(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var desk = await WebhookDesk.StartAsync(provider);
        var (nordljud, order) = await desk.MerchantWithOrderAsync();
        var (other, _) = await desk.MerchantWithOrderAsync();
        var owner = await desk.MerchantClientAsync(nordljud);
        var stranger = await desk.MerchantClientAsync(other);
        var providerDesk = await desk.ProviderClientAsync();
        var endpoint = (await WebhookDesk.RegisterAsync(owner, receiver.Url)).GetProperty("id").GetGuid();
        var strangersEndpoint = (await WebhookDesk.RegisterAsync(stranger, receiver.Url)).GetProperty("id").GetGuid();
        var providersEndpoint = (await WebhookDesk.RegisterAsync(providerDesk, receiver.Url, "dispute.reported")).GetProperty("id").GetGuid();
        await desk.ReportAsync(order);
        await desk.DispatchAsync();
        var delivery = (await WebhookDesk.OnlyDeliveryAsync(owner, endpoint.ToString())).GetProperty("delivery").GetProperty("id").GetGuid();

        var strangersDeliveries = await WebhookDesk.GetJsonAsync(stranger, $"/api/v1/webhooks/endpoints/{strangersEndpoint}/deliveries");
        var providersDeliveries = await WebhookDesk.GetJsonAsync(providerDesk, $"/api/v1/webhooks/endpoints/{providersEndpoint}/deliveries");
        var strangersList = await WebhookDesk.GetJsonAsync(stranger, "/api/v1/webhooks/endpoints");
        var providersList = await WebhookDesk.GetJsonAsync(providerDesk, "/api/v1/webhooks/endpoints");

        Assert.Equal(0, strangersDeliveries.GetProperty("items").GetArrayLength());
        Assert.Equal(1, providersDeliveries.GetProperty("items").GetArrayLength());
        Assert.Equal(2, receiver.Captured.Count);
        Assert.Equal([strangersEndpoint], strangersList.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal([providersEndpoint], providersList.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));

        var refusals = new[]
        {
            await stranger.GetAsync(new Uri($"/api/v1/webhooks/endpoints/{endpoint}", UriKind.Relative)),
            await stranger.GetAsync(new Uri($"/api/v1/webhooks/endpoints/{endpoint}/deliveries", UriKind.Relative)),
            await stranger.GetAsync(new Uri($"/api/v1/webhooks/deliveries/{delivery}", UriKind.Relative)),
            await stranger.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{delivery}/replay", UriKind.Relative), null),
            await stranger.PostAsync(new Uri($"/api/v1/webhooks/endpoints/{endpoint}/rotate-secret", UriKind.Relative), null),
            await stranger.PutAsJsonAsync(new Uri($"/api/v1/webhooks/endpoints/{endpoint}", UriKind.Relative), new { url = "https://example.com/mine" }),
            await stranger.DeleteAsync(new Uri($"/api/v1/webhooks/endpoints/{endpoint}", UriKind.Relative)),
            await providerDesk.PostAsync(new Uri($"/api/v1/webhooks/deliveries/{delivery}/replay", UriKind.Relative), null),
        };

        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(2, receiver.Captured.Count);
        var unchanged = await WebhookDesk.GetJsonAsync(owner, $"/api/v1/webhooks/endpoints/{endpoint}");
        Assert.Equal(receiver.Url.ToString(), unchanged.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("secretRotatedAt").ValueKind);
        Assert.Equal(1, (await WebhookDesk.OnlyDeliveryAsync(owner, endpoint.ToString())).GetProperty("attempts").GetArrayLength());
    }

    public static TheoryData<Provider, string> BadRequests()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            foreach (var spoiler in new[] { "missing", "relative", "ftp", "http", "private", "metadata", "credentials", "event-type" })
            {
                data.Add(provider, spoiler);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_endpoint_is_refused_naming_the_field_and_nothing_is_stored(Provider provider, string spoiler)
    {
        // Production settings: https only, public addresses only.
        await using var app = await OmbudTestApp.StartAsync(provider);
        var client = await app.ClientWithKeyAsync(Scopes.ForMerchant(Guid.NewGuid()));
        object body = spoiler switch
        {
            "missing" => new { description = "no url" },
            "relative" => new { url = "/webhooks" },
            "ftp" => new { url = "ftp://example.com/webhooks" },
            "http" => new { url = "http://example.com/webhooks" },
            "private" => new { url = "https://192.168.1.20/webhooks" },
            "metadata" => new { url = "https://169.254.169.254/latest/meta-data" },
            "credentials" => new { url = "https://user:pass@example.com/webhooks" },
            "event-type" => new { url = "https://example.com/webhooks", eventTypes = new[] { "dispute.reported", "dispute.exploded" } },
            _ => throw new ArgumentOutOfRangeException(nameof(spoiler)),
        };
        var field = spoiler == "event-type" ? "eventTypes[1]" : "url";

        var response = await client.PostAsJsonAsync("/api/v1/webhooks/endpoints", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"'{field}' not named in {problem}");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<WebhookEndpoint>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action.StartsWith("webhook."))));
    }

    [Fact]
    public async Task The_secret_is_shown_once_stored_encrypted_and_never_listed_audited_or_logged()
    {
        var logs = new LogCollector();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var desk = await WebhookDesk.StartAsync(Provider.Sqlite, configure: builder =>
        {
            builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        }, settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace" });
        var (merchant, order) = await desk.MerchantWithOrderAsync();
        var client = await desk.MerchantClientAsync(merchant);
        var created = await WebhookDesk.RegisterAsync(client, receiver.Url);
        var id = created.GetProperty("id").GetGuid();
        var rotated = await (await client.PostAsync(new Uri($"/api/v1/webhooks/endpoints/{id}/rotate-secret", UriKind.Relative), null))
            .Content.ReadFromJsonAsync<JsonElement>();
        receiver.AnswerNext(500);
        await desk.ReportAsync(order);
        await desk.DispatchAsync();
        var secrets = new[] { created.GetProperty("secret").GetString()!, rotated.GetProperty("secret").GetString()! };

        var readings = string.Join('\n',
            (await client.GetStringAsync(new Uri("/api/v1/webhooks/endpoints", UriKind.Relative))),
            (await client.GetStringAsync(new Uri($"/api/v1/webhooks/endpoints/{id}", UriKind.Relative))),
            (await client.GetStringAsync(new Uri($"/api/v1/webhooks/endpoints/{id}/deliveries", UriKind.Relative))));
        var stored = await desk.App.WithDbAsync(db => db.Set<WebhookEndpoint>().AsNoTracking().SingleAsync());
        var audit = await desk.App.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Select(e => e.Detail).ToListAsync());
        var revealed = desk.App.Services.GetRequiredService<WebhookSecrets>().Reveal(stored.ProtectedSecret);

        Assert.All(secrets, s => Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", s));
        Assert.Equal(secrets[1], revealed);
        Assert.NotEmpty(logs.Messages);
        foreach (var secret in secrets)
        {
            var key = secret["whsec_".Length..];
            Assert.DoesNotContain(key, readings, StringComparison.Ordinal);
            Assert.DoesNotContain(key, stored.ProtectedSecret + stored.ProtectedPreviousSecret, StringComparison.Ordinal);
            Assert.DoesNotContain(audit, d => d is not null && d.Contains(key, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Messages, m => m.Contains(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Webhook_endpoints_need_a_merchant_or_admin_key_and_are_described_in_the_openapi_document()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var ingest = await app.ClientWithKeyAsync(Scopes.Ingest);

        var anonymous = await app.Client().GetAsync(new Uri("/api/v1/webhooks/endpoints", UriKind.Relative));
        var wrongScope = await ingest.GetAsync(new Uri("/api/v1/webhooks/endpoints", UriKind.Relative));
        var openApi = await app.Client().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Contains("/api/v1/webhooks/endpoints/{id}/rotate-secret", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/v1/webhooks/deliveries/{id}/replay", openApi, StringComparison.Ordinal);
    }
}
