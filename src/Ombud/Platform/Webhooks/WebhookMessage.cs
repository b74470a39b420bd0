namespace Ombud.Platform.Webhooks;

/// <summary>
/// One outbox event as webhooks send it: its body rendered once, so every attempt and every replay sends the same
/// bytes under the same <c>webhook-id</c>. A row exists for each outbox event the fan-out has handled (even when no
/// endpoint wanted it): this, not the outbox's shared <c>ProcessedAt</c>, is how webhooks remember their progress,
/// so other consumers of the outbox are neither blocked nor skipped.
/// </summary>
public sealed class WebhookMessage
{
    private WebhookMessage()
    {
    }

    internal WebhookMessage(Guid outboxMessageId, string type, Guid? merchantId, string body, DateTime occurredAt, DateTime fannedOutAt)
    {
        Id = outboxMessageId;
        Type = type;
        MerchantId = merchantId;
        Body = body;
        OccurredAt = occurredAt;
        FannedOutAt = fannedOutAt;
    }

    /// <summary>The id of the outbox message it came from.</summary>
    public Guid Id { get; private set; }

    /// <summary>The <c>webhook-id</c> header: stable across retries and replays, so receivers can drop duplicates.</summary>
    public string WebhookId => WebhookIdOf(Id);

    public string Type { get; private set; } = "";

    /// <summary>The merchant the event is about; its endpoints receive it, as do the provider's.</summary>
    public Guid? MerchantId { get; private set; }

    /// <summary>The JSON body: <c>{"type":…,"timestamp":…,"data":{…}}</c>.</summary>
    public string Body { get; private set; } = "";

    /// <summary>Erasure: the body with a customer's personal fields taken out (<see cref="Privacy.PersonalFields"/>).</summary>
    internal void Rewrite(string body) => Body = body;

    public DateTime OccurredAt { get; private set; }

    public DateTime FannedOutAt { get; private set; }

    public static string WebhookIdOf(Guid outboxMessageId) => $"msg_{outboxMessageId:N}";
}
