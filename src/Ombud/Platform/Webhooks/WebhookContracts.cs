namespace Ombud.Platform.Webhooks;

/// <summary>An endpoint as its owner registers or changes it. A missing <c>enabled</c> means enabled; missing <c>eventTypes</c> means all.</summary>
public sealed record WebhookEndpointRequest(string? Url, string? Description = null, string[]? EventTypes = null, bool? Enabled = null);

/// <summary>An endpoint as its owner reads it: never its secret.</summary>
public sealed record WebhookEndpointResponse(
    Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes, bool Enabled, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? SecretRotatedAt, DateTime? PreviousSecretExpiresAt)
{
    public static WebhookEndpointResponse From(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.Description, e.EventTypeList, e.Enabled, e.CreatedAt, e.UpdatedAt, e.SecretRotatedAt, e.PreviousSecretExpiresAt);
}

/// <summary>A new endpoint with its secret, the only time the secret is shown.</summary>
public sealed record WebhookEndpointCreated(
    Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes, bool Enabled, DateTime CreatedAt, string Secret);

/// <summary>A rotated secret, shown once; the previous one keeps signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
public sealed record WebhookSecretRotated(Guid EndpointId, string Secret, DateTime PreviousSecretExpiresAt);

/// <summary>A delivery in an endpoint's log.</summary>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EndpointId, string WebhookId, string EventType, WebhookDeliveryStatus Status, int Attempts, DateTime CreatedAt,
    DateTime? LastAttemptAt, DateTime? NextAttemptAt, DateTime? DeliveredAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d, int attempts) =>
        new(d.Id, d.EndpointId, WebhookMessage.WebhookIdOf(d.MessageId), d.EventType, d.Status, attempts, d.CreatedAt, d.LastAttemptAt,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt);
}

/// <summary>One delivery with its body and every attempt, oldest first.</summary>
public sealed record WebhookDeliveryDetail(WebhookDeliveryResponse Delivery, string Body, IReadOnlyList<WebhookAttemptResponse> Attempts);

public sealed record WebhookAttemptResponse(Guid Id, DateTime At, bool Replay, int? StatusCode, string? Error, long DurationMs, string? ResponseSnippet)
{
    public static WebhookAttemptResponse From(WebhookAttempt a) => new(a.Id, a.At, a.Replay, a.StatusCode, a.Error, a.DurationMs, a.ResponseSnippet);
}

/// <summary>A page of an endpoint's deliveries, newest first; pass <c>nextCursor</c> back for the next page.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResponse> Items, string? NextCursor);
