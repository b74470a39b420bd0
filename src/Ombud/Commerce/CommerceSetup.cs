using Ombud.Platform.People;
using Ombud.Platform.Privacy;
using Ombud.Platform.StaffDesk;
using Ombud.Commerce.Ingestion;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Timers;
using Ombud.Web.Admin;
using Ombud.Web.Layout;

namespace Ombud.Commerce;

internal static class CommerceSetup
{
    public static void AddCommerce(this IHostApplicationBuilder builder, HostSettings settings)
    {
        builder.Services.AddScoped<CommerceIngestion>();
        builder.Services.AddScoped<OrderRefunds>();
        builder.Services.AddScoped<CommerceReads>();
        builder.Services.AddScoped<OrderProgress>();
        builder.Services.AddScoped<OrderBatches>();
        builder.Services.AddScoped<CustomerAccounts>();
        builder.Services.AddScoped<Contracts.CustomerOrders>();
        builder.Services.AddScoped<Contracts.OrderLinks>();
        builder.Services.AddScoped<Staff.CustomerSearch>();
        builder.Services.AddScoped<Staff.CustomerFile>();
        builder.Services.AddScoped<Analytics.AnalystVolumes>();
        builder.Services.AddScoped<Analytics.OrderDrillDown>();
        Analytics.AnalyticsEndpoints.AddAnalyticsPolicy(builder.Services);
        builder.Services.AddCustomerViewPart<Staff.CustomerFile>();
        builder.Services.Configure<Difficulty.DifficultyOptions>(builder.Configuration.GetSection(Difficulty.DifficultyOptions.Section));
        builder.Services.AddScoped<Difficulty.PlanAdjustments>();
        builder.Services.AddScoped<Difficulty.DifficultyWatch>();
        builder.Services.AddScoped<Difficulty.LateFeeNotices>();
        builder.Services.AddScoped<Difficulty.CollectionNotices>();
        builder.Services.AddTimer<Difficulty.DifficultyWatchTimer>(Difficulty.DifficultyWatchTimer.Kind);
        builder.Services.AddEventSubscriber<Difficulty.DifficultyMail>(Difficulty.DifficultyMail.Subscriber, Contracts.DifficultyContactMade.Type);
        if (builder.Configuration.GetSection(EventOptions.Section).GetValue<bool?>(nameof(EventOptions.RunInBackground)) ?? !settings.IsCommand)
        {
            builder.Services.AddDailyTimerStart(Difficulty.DifficultyWatchTimer.Kind, Difficulty.DifficultyWatchTimer.HourOf);
        }

        Difficulty.DifficultyEndpoints.AddDifficultyPolicies(builder.Services);
        builder.Services.AddNavEntry(new("Customers", "/staff/customers", MudBlazor.Icons.Material.Outlined.PersonSearch, [], 5, Shows: Policies.IsStaffDesk));
        // An admin reads the analyst's charts too (and, at the staff desk, opens the customers behind a bar); an analyst has them as home.
        builder.Services.AddNavEntry(new("Volumes and rates", "/analyst", MudBlazor.Icons.Material.Outlined.Insights, [], 60,
            Shows: user => user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Analyst)));
        builder.Services.AddNavEntry(new("Payment difficulty", "/staff/difficulty", MudBlazor.Icons.Material.Outlined.HealthAndSafety, [Roles.Agent, Roles.Admin], 15));
        builder.Services.AddAdminCounts<Contracts.CommerceCounts>();
        builder.Services.AddCustomerDataHolder<Contracts.CommerceCustomerData>();
        builder.Services.AddCustomerStandingPart<Contracts.PlanStanding>();
        builder.Services.AddKeyScopeChoices<Contracts.MerchantKeyScopes>();
        builder.Services.AddScoped<Platform.People.IMerchantChoices, Contracts.MerchantAccounts>();
    }

    public static void MapCommerce(this IEndpointRouteBuilder app)
    {
        app.MapIngestion();
        Difficulty.DifficultyEndpoints.MapDifficulty(app);
        Staff.CustomerDeskEndpoints.MapCustomerDesk(app);
        Analytics.AnalyticsEndpoints.MapAnalytics(app);
    }
}
