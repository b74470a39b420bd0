using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// Makes one HTTP attempt of a delivery: signs the stored body under the message's stable <c>webhook-id</c> and the
/// time of sending, posts it, and describes what came back. It never throws for what the receiver does.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, WebhookSecrets secrets, TimeProvider clock, ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhooks";

    private const int MaxResponseBytes = 4096;

    public async Task<WebhookAttempt> SendAsync(WebhookDelivery delivery, bool replay, CancellationToken ct)
    {
        var message = delivery.Message;
        var endpoint = delivery.Endpoint;
        var sentAt = clock.GetUtcNow();
        var timestamp = sentAt.ToUnixTimeSeconds();
        string signature;
        try
        {
            signature = WebhookSignature.Sign(endpoint.SigningSecretsAt(sentAt.UtcDateTime).Select(secrets.Reveal), message.WebhookId, timestamp, message.Body);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Logged as a failed attempt so the schedule moves on and the owner sees why; nothing unsigned is sent.
            return new WebhookAttempt(Guid.CreateVersion7(sentAt.UtcDateTime), delivery.Id, sentAt.UtcDateTime, replay, null,
                "The endpoint's secret cannot be decrypted (were the data-protection keys lost?); rotate the secret.", 0, null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", message.WebhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);

        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? error = null;
        string? snippet = null;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            status = (int)response.StatusCode;
            snippet = await SnippetAsync(response, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? "Timed out waiting for the endpoint." : Describe(e);
        }

        var duration = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (status is not (>= 200 and < 300) && logger.IsEnabled(LogLevel.Information))
        {
            // The endpoint's id only: URLs may carry tokens of the receiver's own.
            logger.LogInformation("Webhook {WebhookId} to endpoint {EndpointId} failed: {Status} {Error}", message.WebhookId, endpoint.Id, status, error);
        }

        return new WebhookAttempt(Guid.CreateVersion7(sentAt.UtcDateTime), delivery.Id, sentAt.UtcDateTime, replay, status, error, duration, snippet);
    }

    private static async Task<string?> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        // PostgreSQL text holds no NUL, and a cut must not split a surrogate pair: a binary answer is still logged.
        var text = Encoding.UTF8.GetString(buffer, 0, read).Replace('\0', '\uFFFD');
        var length = Math.Min(text.Length, WebhookAttempt.SnippetLength);
        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }

    private static string Describe(Exception e)
    {
        var text = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
        return text.Length > 500 ? text[..500] : text;
    }
}
