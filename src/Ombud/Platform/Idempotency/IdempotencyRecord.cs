namespace Ombud.Platform.Idempotency;

/// <summary>
/// What a POST with an Idempotency-Key was answered, kept so a retry gets the same answer: the request's hash and where
/// the answer lives. The answer itself is read back from <see cref="Location"/> on a replay; only an answer that no
/// resource holds (a dispute's move, a batch's list of outcomes) keeps its body. Kept for
/// <see cref="IdempotencyOptions.KeepHours"/>, then swept.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public IdempotencyRecord(string caller, string key, string requestHash, int status, string location, string? responseBody, DateTime createdAt)
    {
        Caller = caller;
        Key = key;
        RequestHash = requestHash;
        Status = status;
        Location = location;
        ResponseBody = responseBody;
        CreatedAt = createdAt;
    }

    /// <summary>Keys are per caller: two systems may pick the same key without seeing each other's answers.</summary>
    public string Caller { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of method, path and body: the same key with another request is a client error.</summary>
    public string RequestHash { get; private set; } = "";

    /// <summary>The HTTP status answered: 201 Created for a resource, 200 for a batch.</summary>
    public int Status { get; private set; } = 201;

    /// <summary>Where the created resource lives (empty for a batch, whose answer is its body).</summary>
    public string Location { get; private set; } = "";

    /// <summary>The answer's body when it cannot be read back from <see cref="Location"/>; null when it can.</summary>
    public string? ResponseBody { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
