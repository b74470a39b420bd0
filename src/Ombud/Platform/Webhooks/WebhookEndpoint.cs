namespace Ombud.Platform.Webhooks;

/// <summary>
/// Where a merchant (or the provider itself) wants dispute events delivered. The signing secret is kept only as a
/// Data Protection ciphertext; after a rotation the previous secret keeps signing until its overlap ends, so a
/// receiver can switch secrets without dropping a single message.
/// </summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint()
    {
    }

    internal WebhookEndpoint(Guid id, Guid? merchantId, string url, string? description, IEnumerable<string> eventTypes, bool enabled,
        string protectedSecret, DateTime createdAt)
    {
        Id = id;
        MerchantId = merchantId;
        CreatedAt = createdAt;
        ProtectedSecret = protectedSecret;
        Change(url, description, eventTypes, enabled, createdAt);
    }

    public Guid Id { get; private set; }

    /// <summary>The merchant whose events this endpoint receives; null for the provider's own endpoints, which receive every event.</summary>
    public Guid? MerchantId { get; private set; }

    public string Url { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>Space-separated event types to send; empty sends every type.</summary>
    public string EventTypes { get; private set; } = "";

    public bool Enabled { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The current <c>whsec_…</c> secret, encrypted with ASP.NET Data Protection.</summary>
    public string ProtectedSecret { get; private set; } = "";

    /// <summary>The secret before the last rotation, encrypted; it still signs until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSecret { get; private set; }

    public DateTime? PreviousSecretExpiresAt { get; private set; }

    public DateTime? SecretRotatedAt { get; private set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => EventTypes.Length == 0 || EventTypeList.Contains(eventType, StringComparer.Ordinal);

    public void Change(string url, string? description, IEnumerable<string> eventTypes, bool enabled, DateTime at)
    {
        Url = url;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        EventTypes = string.Join(' ', eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Enabled = enabled;
        UpdatedAt = at;
    }

    /// <summary>
    /// Puts a new secret in place. The one it replaces signs alongside it until <paramref name="overlapEndsAt"/>;
    /// a secret older than that is dropped at once, so at most two are ever valid.
    /// </summary>
    public void RotateSecret(string protectedSecret, DateTime at, DateTime overlapEndsAt)
    {
        ProtectedPreviousSecret = ProtectedSecret;
        PreviousSecretExpiresAt = overlapEndsAt;
        ProtectedSecret = protectedSecret;
        SecretRotatedAt = at;
        UpdatedAt = at;
    }

    /// <summary>The encrypted secrets that sign a message sent at <paramref name="at"/>, newest first.</summary>
    public IEnumerable<string> SigningSecretsAt(DateTime at)
    {
        yield return ProtectedSecret;
        if (ProtectedPreviousSecret is not null && PreviousSecretExpiresAt > at)
        {
            yield return ProtectedPreviousSecret;
        }
    }
}
