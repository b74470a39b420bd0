namespace Ombud.Bench.Ingest.Api;

/// <summary>
/// What one POST came to. <see cref="Failure"/> names the error bucket: the status code as text, or "timeout" or
/// "transport" when no response came back.
/// </summary>
internal readonly record struct PostOutcome(int StatusCode, long ElapsedTicks, byte[]? Body, string? Failure)
{
    public bool Succeeded => Failure is null;
}
