using Ombud.Platform.Timers;

namespace Ombud.Platform.Events;

/// <summary>Events between modules and durable timers: the dispatcher, the timer loop, the dead-letter list.</summary>
internal static class EventsSetup
{
    public static void AddEventsAndTimers(this WebApplicationBuilder builder, HostSettings settings)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(EventOptions.Section);
        services.AddOptions<EventOptions>().Bind(section)
            .Validate(o => o.PollMilliseconds >= 10 && o.BatchSize >= 1 && o.LeaseSeconds >= 1 && o.MaxAttempts >= 1 && o.Parallelism >= 1
                           && o.FirstRetryMilliseconds >= 1 && o.MaxRetryDelaySeconds >= 1,
                $"{EventOptions.Section}: every number must be positive (PollMilliseconds at least 10).")
            .ValidateOnStart();
        services.AddSingleton<EventSubscriptions>();
        services.AddSingleton<EventDispatch>();
        services.AddSingleton<TimerRun>();
        services.AddScoped<TimerSchedule>();
        services.AddScoped<DeadLetters>();
        AddProbe(builder);
        if (section.GetValue<bool?>(nameof(EventOptions.RunInBackground)) ?? !settings.IsCommand)
        {
            services.AddHostedService<EventDispatcher>();
            services.AddHostedService<TimerLoop>();
        }
    }

    public static void MapEventsAndTimers(this WebApplication app) => app.MapDeadLetterApi();

    private static void AddProbe(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EventProbeOptions.Section);
        builder.Services.Configure<EventProbeOptions>(section);
        var probe = section.Get<EventProbeOptions>() ?? new EventProbeOptions();
        if (!probe.Enabled || probe.EventTypes.Count == 0)
        {
            return;
        }

        builder.Services.AddEventSubscriber<EventProbe>(EventProbe.Subscriber, [.. probe.EventTypes]);
        if (probe.FailUntil is not null)
        {
            builder.Services.AddEventSubscriber<FailingEventProbe>(FailingEventProbe.Subscriber, [.. probe.EventTypes]);
        }
    }
}
