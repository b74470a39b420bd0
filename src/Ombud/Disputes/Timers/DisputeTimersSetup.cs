using Ombud.Platform.Events;
using Ombud.Platform.Timers;

namespace Ombud.Disputes.Timers;

internal static class DisputeTimersSetup
{
    /// <summary>The clocks: a subscriber that sets them, a handler per kind that fires them, the deadline watch for dashboards.</summary>
    public static void AddDisputeTimers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DisputeTimerOptions>()
            .Bind(builder.Configuration.GetSection(DisputeTimerOptions.Section))
            .Validate(o => o.PriorityReviewDaysBefore >= 0, $"{DisputeTimerOptions.Section}: PriorityReviewDaysBefore must be at least 0.")
            .ValidateOnStart();
        builder.Services.AddEventSubscriber<DisputeClocks>(DisputeClocks.Subscriber,
            [.. Enum.GetValues<DisputeMove>().Select(DisputeChanged.TypeOf).Distinct(StringComparer.Ordinal)]);
        foreach (var kind in DisputeTimerKinds.All)
        {
            builder.Services.AddTimer<DisputeClockTimer>(kind);
        }

        builder.Services.AddSingleton<DisputeTimers>();
        builder.Services.AddScoped<FinalResponseFlags>();
        builder.Services.AddScoped<DisputeDeadlineWatch>();
    }
}
