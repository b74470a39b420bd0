using MudBlazor;
using Ombud.Conversations.Contracts;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Timers;
using Ombud.Web.Layout;

namespace Ombud.Marketplace.Surge;

/// <summary>Supply and demand: the snapshot, the level's review timer, the calls to offline agents, the shopper's wait estimate.</summary>
internal static class SurgeSetup
{
    public static void AddMarketplaceSurge(this IHostApplicationBuilder builder, HostSettings settings)
    {
        var services = builder.Services;
        services.AddOptions<SurgeOptions>().Bind(builder.Configuration.GetSection(SurgeOptions.Section))
            .Validate(o => o.IsValid(), $"{SurgeOptions.Section}: seconds, minutes and hours must be positive (SnapshotSeconds 0–60), BusyAtPerMille < SurgeAtPerMille < "
                                        + "HighSurgeAtPerMille, HysteresisPerMille below BusyAtPerMille, ForecastWeightPerMille 1–1000, and each market's "
                                        + "multipliers at least 1000 and rising with the level.")
            .ValidateOnStart();
        services.AddScoped<SupplyAndDemand>();
        services.AddSingleton<SupplyCache>();
        services.AddScoped<SurgeBoard>();
        services.AddScoped<SurgeCalls>();
        services.AddScoped<WaitEstimates>();
        services.AddTimer<SurgeReview>(SurgeReview.Kind);
        services.AddEventSubscriber<SurgeCalls>(SurgeCalls.Subscriber, SurgeChanged.Type);
        if (builder.Configuration.GetSection(EventOptions.Section).GetValue<bool?>(nameof(EventOptions.RunInBackground)) ?? !settings.IsCommand)
        {
            services.AddHostedService<SurgeReviewStart>();
        }

        services.AddSingleton(new WaitingConversationPanel(typeof(Pages.WaitEstimatePanel)));
        services.AddNavEntry(new("Supply and demand", "/staff/marketplace", Icons.Material.Outlined.Insights, [], 18, Shows: Policies.IsStaffDesk));
    }
}
