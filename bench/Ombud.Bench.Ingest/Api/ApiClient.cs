using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Ombud.Bench.Ingest.Api;

/// <summary>
/// The single HttpClient every worker shares. Connection pooling is what makes the figures the server's, not the
/// client's: a handshake per request would measure TCP set-up instead of ingestion.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;

    public ApiClient(Uri baseUrl, string apiKey, int concurrency, TimeSpan requestTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            // One socket per worker and some headroom, so no worker ever waits for another's connection.
            MaxConnectionsPerServer = concurrency + 8,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // An HTTP(S)_PROXY in the environment or a redirect must never take the load somewhere other than --url.
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = baseUrl,
            Timeout = requestTimeout,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>
    /// Posts once and times it from send to the last body byte. Never throws for what
    /// the server or the network did; only <paramref name="cancellation"/> ends it with an exception.
    /// </summary>
    public async Task<PostOutcome> PostAsync(ApiRequest request, bool keepBody, CancellationToken cancellation)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Path);
        message.Content = new ByteArrayContent(request.Body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellation);
            var body = await response.Content.ReadAsByteArrayAsync(cancellation);
            var elapsed = Stopwatch.GetTimestamp() - started;
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new PostOutcome(status, elapsed, keepBody ? body : null, Failure: null)
                : new PostOutcome(status, elapsed, body, status.ToString(CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            var detail = Encoding.UTF8.GetBytes($"no response within {http.Timeout.TotalSeconds:0.###} s");
            return new PostOutcome(0, Stopwatch.GetTimestamp() - started, detail, "timeout");
        }
        catch (HttpRequestException exception)
        {
            var detail = Encoding.UTF8.GetBytes(exception.Message);
            return new PostOutcome(0, Stopwatch.GetTimestamp() - started, detail, "transport");
        }
    }

    public void Dispose() => http.Dispose();
}
