namespace Ombud.Platform.Idempotency;

/// <summary>The response once given to a POST with an Idempotency-Key, kept so a retry gets the same answer.</summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public IdempotencyRecord(string caller, string key, string requestHash, string location, string responseBody, DateTime createdAt)
    {
        Caller = caller;
        Key = key;
        RequestHash = requestHash;
        Location = location;
        ResponseBody = responseBody;
        CreatedAt = createdAt;
    }

    /// <summary>Keys are per caller: two systems may pick the same key without seeing each other's answers.</summary>
    public string Caller { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of method, path and body: the same key with another request is a client error.</summary>
    public string RequestHash { get; private set; } = "";

    /// <summary>Where the created resource lives; every remembered answer is a 201 Created.</summary>
    public string Location { get; private set; } = "";

    public string ResponseBody { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
}
