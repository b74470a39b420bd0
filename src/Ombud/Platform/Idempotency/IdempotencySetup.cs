using Ombud.Platform.Events;

namespace Ombud.Platform.Idempotency;

internal static class IdempotencySetup
{
    /// <summary>Idempotent POSTs and the sweep of old records, which runs where the background loops run (<c>serve</c>).</summary>
    public static void AddIdempotency(this WebApplicationBuilder builder, HostSettings settings)
    {
        var services = builder.Services;
        services.AddOptions<IdempotencyOptions>().Bind(builder.Configuration.GetSection(IdempotencyOptions.Section))
            .Validate(o => o.KeepHours >= 1 && o.SweepMinutes >= 1, $"{IdempotencyOptions.Section}: KeepHours and SweepMinutes are at least 1.")
            .ValidateOnStart();
        services.AddScoped<IdempotentRequests>();
        services.AddScoped<IdempotencyExpiry>();
        if (builder.Configuration.GetSection(EventOptions.Section).GetValue<bool?>(nameof(EventOptions.RunInBackground)) ?? !settings.IsCommand)
        {
            services.AddHostedService<IdempotencySweeper>();
        }
    }
}
