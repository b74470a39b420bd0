namespace Ombud.Platform.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>An attempt got a 2xx answer.</summary>
    Delivered,

    /// <summary>Every scheduled attempt failed (or the endpoint was disabled); only a replay sends it again.</summary>
    Failed,
}

/// <summary>
/// One message on its way to one endpoint, with every attempt made. Scheduled attempts follow
/// <see cref="WebhookRetrySchedule"/>; a replay is an extra attempt that does not use up the schedule.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly List<WebhookAttempt> _attempts = [];

    private WebhookDelivery()
    {
    }

    internal WebhookDelivery(Guid id, WebhookMessage message, WebhookEndpoint endpoint, DateTime createdAt)
    {
        Id = id;
        MessageId = message.Id;
        EndpointId = endpoint.Id;
        EventType = message.Type;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        Status = WebhookDeliveryStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid MessageId { get; private set; }

    public WebhookMessage Message { get; private set; } = null!;

    public Guid EndpointId { get; private set; }

    public WebhookEndpoint Endpoint { get; private set; } = null!;

    public string EventType { get; private set; } = "";

    public WebhookDeliveryStatus Status { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the next scheduled attempt is due (its timer, <see cref="WebhookAttempts"/>, fires then); null once delivered or failed.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Scheduled attempts made so far (replays not counted).</summary>
    public int ScheduledAttempts { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts => _attempts;

    /// <summary>Records a scheduled attempt and decides what comes next: done, the next try, or failed.</summary>
    public void RecordScheduled(WebhookAttempt attempt)
    {
        Record(attempt);
        ScheduledAttempts++;
        if (attempt.Succeeded)
        {
            Deliver(attempt.At);
        }
        else if (WebhookRetrySchedule.DelayAfter(ScheduledAttempts) is { } delay)
        {
            NextAttemptAt = attempt.At + delay;
        }
        else
        {
            Fail();
        }
    }

    /// <summary>Records a manual resend. Success delivers; failure leaves the schedule (or its end) as it was.</summary>
    public void RecordReplay(WebhookAttempt attempt)
    {
        Record(attempt);
        if (attempt.Succeeded)
        {
            Deliver(attempt.At);
        }
    }

    /// <summary>The endpoint was disabled or removed before the attempt: nothing is sent, and only a replay can send it.</summary>
    public void Fail()
    {
        Status = WebhookDeliveryStatus.Failed;
        NextAttemptAt = null;
    }

    private void Record(WebhookAttempt attempt)
    {
        _attempts.Add(attempt);
        LastAttemptAt = attempt.At;
    }

    private void Deliver(DateTime at)
    {
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredAt ??= at;
        NextAttemptAt = null;
    }
}

/// <summary>One HTTP request to an endpoint and what came back: the delivery log a merchant reads when debugging.</summary>
public sealed class WebhookAttempt
{
    public const int SnippetLength = 500;

    private WebhookAttempt()
    {
    }

    internal WebhookAttempt(Guid id, Guid deliveryId, DateTime at, bool replay, int? statusCode, string? error, long durationMs, string? responseSnippet)
    {
        Id = id;
        DeliveryId = deliveryId;
        At = at;
        Replay = replay;
        StatusCode = statusCode;
        Error = error;
        DurationMs = durationMs;
        ResponseSnippet = responseSnippet;
    }

    public Guid Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>True for a manual resend, false for an attempt of the schedule.</summary>
    public bool Replay { get; private set; }

    /// <summary>The HTTP status the endpoint answered with; null when no answer came (timeout, refused connection).</summary>
    public int? StatusCode { get; private set; }

    public string? Error { get; private set; }

    public long DurationMs { get; private set; }

    /// <summary>The start of the response body, for debugging.</summary>
    public string? ResponseSnippet { get; private set; }

    public bool Succeeded => StatusCode is >= 200 and < 300;
}
