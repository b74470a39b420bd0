using Ombud.Platform.Webhooks;
using Ombud.Disputes.Timers;

namespace Ombud.Disputes;

internal static class DisputesSetup
{
    public static void AddDisputes(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DisputeOptions>(builder.Configuration.GetSection(DisputeOptions.Section));
        builder.Services.AddSingleton<DisputeClock>();
        builder.Services.AddScoped<DisputeService>();
        builder.Services.AddWebhookSource(DisputeWebhooks.Source);
        builder.AddDisputeTimers();
    }
}
