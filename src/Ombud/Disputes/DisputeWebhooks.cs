using Ombud.Platform.Webhooks;

namespace Ombud.Disputes;

/// <summary>
/// Which dispute events go out as webhooks: every step (<see cref="DisputeChanged"/>), to the dispute's merchant and
/// to the provider. <c>dispute.unauthorised-reported</c> stays internal: it is the fraud module's input, and the
/// same report already goes out as <c>dispute.reported</c>.
/// </summary>
internal static class DisputeWebhooks
{
    public static readonly WebhookSource Source = new(
        Enum.GetValues<DisputeMove>().Select(DisputeChanged.TypeOf).Distinct(StringComparer.Ordinal).ToList(),
        MerchantProperty: "merchantId");
}
