using System.Text.Json;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// A module's outbox events that go out as webhooks, and where in their payload the merchant they concern is named.
/// Platform knows no business module, so each module registers its own with <see cref="WebhooksSetup.AddWebhookSource"/>.
/// </summary>
/// <param name="EventTypes">The outbox types sent, e.g. <c>dispute.reported</c>; other types in the outbox stay internal.</param>
/// <param name="MerchantProperty">The payload's JSON property holding the merchant id, e.g. <c>merchantId</c>.</param>
public sealed record WebhookSource(IReadOnlyList<string> EventTypes, string MerchantProperty)
{
    /// <summary>The merchant an event's payload names, or null when it names none (then only provider endpoints get it).</summary>
    public Guid? MerchantOf(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.ValueKind == JsonValueKind.Object
               && json.RootElement.TryGetProperty(MerchantProperty, out var value)
               && value.ValueKind == JsonValueKind.String
               && value.TryGetGuid(out var merchant)
            ? merchant
            : null;
    }
}

/// <summary>All registered sources, by event type.</summary>
public sealed class WebhookSources(IEnumerable<WebhookSource> sources)
{
    private readonly Dictionary<string, WebhookSource> _byType = sources
        .SelectMany(s => s.EventTypes.Select(t => (Type: t, Source: s)))
        .DistinctBy(x => x.Type)
        .ToDictionary(x => x.Type, x => x.Source, StringComparer.Ordinal);

    public IReadOnlyCollection<string> EventTypes => _byType.Keys;

    public bool IsKnown(string eventType) => _byType.ContainsKey(eventType);

    public WebhookSource For(string eventType) => _byType[eventType];
}
