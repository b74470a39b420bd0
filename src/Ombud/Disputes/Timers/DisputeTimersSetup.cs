namespace Ombud.Disputes.Timers;

internal static class DisputeTimersSetup
{
    /// <summary>The timers' services, usable by any host: the deadline watch for dashboards, a tick for tests.</summary>
    public static void AddDisputeTimers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DisputeTimerOptions>()
            .Bind(builder.Configuration.GetSection(DisputeTimerOptions.Section))
            .Validate(o => o.IntervalSeconds >= 1 && o.BatchSize >= 1 && o.PriorityReviewDaysBefore >= 0,
                $"{DisputeTimerOptions.Section}: IntervalSeconds and BatchSize must be at least 1, PriorityReviewDaysBefore at least 0.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DisputeTimers>();
        builder.Services.AddScoped<FinalResponseFlags>();
        builder.Services.AddScoped<DisputeDeadlineWatch>();
    }

    /// <summary>Fires the timers in the background. Only a serving node does; one-shot verbs (migrate, seed, apikey) never fire one.</summary>
    public static void RunDisputeTimers(this IHostApplicationBuilder builder) => builder.Services.AddHostedService<DisputeTimerLoop>();
}
