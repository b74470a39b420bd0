using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Ombud.Bench.Risk;

/// <summary>
/// The bodies of <c>POST /api/v1/risk/score</c>, serialised once per order before the load instead of once per request:
/// the load generator's own CPU then goes to sending and timing, not to JSON. Each body is the bytes <c>PostAsJsonAsync</c>
/// sent for <c>new { orderId }</c>, under the same content type, and goes out chunked as those did (its length is not
/// told): the node reads, binds and decides exactly what it did.
/// </summary>
internal sealed class ScoreRequests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly byte[][] _bodies;

    public ScoreRequests(IReadOnlyList<Guid> orders) =>
        _bodies = [.. orders.Select(id => JsonSerializer.SerializeToUtf8Bytes(new { orderId = id }, Web))];

    public int Count => _bodies.Length;

    /// <summary>Asks for a decision on the <paramref name="index"/>th order.</summary>
    public Task<HttpResponseMessage> PostAsync(HttpClient http, int index) => http.PostAsync("risk/score", new Prepared(_bodies[index]));

    /// <summary>Ready-made JSON bytes, sent as JsonContent sends them (content type with charset, no Content-Length).</summary>
    private sealed class Prepared : HttpContent
    {
        private readonly byte[] _body;

        public Prepared(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct) =>
            stream.WriteAsync(_body, ct).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
