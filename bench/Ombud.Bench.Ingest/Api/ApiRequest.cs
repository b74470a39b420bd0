namespace Ombud.Bench.Ingest.Api;

/// <summary>
/// A POST ready to send: the body is serialised before the clock starts so only the server is timed, and the
/// Idempotency-Key is fixed here so a retry of the same request carries the same key, as a real client's would.
/// </summary>
internal readonly record struct ApiRequest(string Path, byte[] Body, string IdempotencyKey)
{
    public static ApiRequest Json(string path, byte[] body) => new(path, body, Guid.NewGuid().ToString("D"));
}
