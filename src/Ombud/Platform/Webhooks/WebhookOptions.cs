namespace Ombud.Platform.Webhooks;

/// <summary>Settings under <c>Ombud:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Ombud:Webhooks";

    /// <summary>Allows <c>http://</c> endpoint URLs. For tests and local demos only: production receivers use https.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Allows endpoints on loopback, private, link-local and other non-public addresses (checked at registration and
    /// again on every connection, after DNS). Off by default: a webhook must not become a way into the provider's own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long a rotated-out secret keeps signing alongside the new one.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one HTTP attempt may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
