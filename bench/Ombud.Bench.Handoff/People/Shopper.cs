using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ombud.Bench.Handoff.People;

/// <summary>A signed-in shopper: their e-mail and the cookie their browser would send.</summary>
internal sealed record Shopper(string Email, string Cookie);

/// <summary>
/// What a shopper does here, over the assistant's API (<c>/api/v1/assistant/conversations</c>): open a conversation and
/// press "Talk to a person". One client for all of them; each request carries its shopper's cookie.
/// </summary>
internal sealed class ShopperDesk(Uri baseUrl) : IDisposable
{
    private const int MaxBusyAttempts = 10;

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromMinutes(2),
    };

    private long _busyRetries;

    public static Shopper SignedIn(string email, CookieContainer cookies, Uri baseUrl) => new(email, cookies.GetCookieHeader(baseUrl));

    /// <summary>A new conversation with the assistant, in English (the agents' common language); its id, or the failure.</summary>
    public async Task<(Guid? Conversation, string? Failure)> StartAsync(Shopper shopper, CancellationToken ct)
    {
        using var response = await SendAsync(shopper, "api/v1/assistant/conversations", new { language = "en" }, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (null, $"start {(int)response.StatusCode}");
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return (body.RootElement.GetProperty("id").GetGuid(), null);
    }

    /// <summary>"Talk to a person": null once the server acknowledged the hand-off (200 with the turn), else the failure.</summary>
    public async Task<string?> HandOffAsync(Shopper shopper, Guid conversation, CancellationToken ct)
    {
        using var response = await SendAsync(shopper, $"api/v1/assistant/conversations/{conversation}/handoff", new { clientMessageId = $"bench-{Guid.NewGuid():N}" }, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"hand-off {(int)response.StatusCode}";
        }

        // The acknowledgement is the whole answer read, as a client would before telling the shopper they wait.
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return body.RootElement.TryGetProperty("handoff", out var handoff) && handoff.ValueKind == JsonValueKind.True ? null : "hand-off not taken";
    }

    /// <summary>Applies to become an agent (they must be in good standing); the new agent's id, or why not.</summary>
    public async Task<(Guid? Agent, string? Failure)> ApplyAsAgentAsync(Shopper shopper, int capacity, IReadOnlyList<string> skills, CancellationToken ct)
    {
        using var response = await SendAsync(shopper, "api/v1/agents/me/application",
            new { languages = new[] { "en", "sv", "de" }, skills, maxConversations = capacity }, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (null, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return (body.RootElement.GetProperty("agentId").GetGuid(), null);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Requests the server turned away busy (503 with Retry-After) and this client sent again after the wait.</summary>
    public long BusyRetries => Volatile.Read(ref _busyRetries);
    /// <summary>
    /// Sends as a well-behaved client: a 503 with Retry-After (an overloaded server that changed nothing) is sent again
    /// after the wait it asks for, a few times, before it counts as the answer.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync<T>(Shopper shopper, string path, T body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("Cookie", shopper.Cookie);
            var response = await _http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter?.Delta is not { } wait || attempt == MaxBusyAttempts)
            {
                return response;
            }

            response.Dispose();
            Interlocked.Increment(ref _busyRetries);
            await Task.Delay(wait, ct);
        }
    }
}
