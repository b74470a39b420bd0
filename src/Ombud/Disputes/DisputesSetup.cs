using Ombud.Web.Components;
using MudBlazor;
using Ombud.Platform.Auth;
using Ombud.Platform.People;
using Ombud.Platform.Privacy;
using Ombud.Platform.StaffDesk;
using Ombud.Web.Layout;
using Ombud.Platform.Webhooks;
using Ombud.Disputes.Timers;
using Ombud.Disputes.Api;
using Ombud.Disputes.Decisions;

namespace Ombud.Disputes;

internal static class DisputesSetup
{
    public static void AddDisputes(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DisputeOptions>(builder.Configuration.GetSection(DisputeOptions.Section));
        builder.Services.AddSingleton<DisputeClock>();
        builder.Services.AddScoped<DisputeService>();
        builder.Services.AddScoped<Contracts.CustomerDisputes>();
        builder.Services.AddCustomerViewPart<Contracts.CustomerDisputes>();
        builder.Services.AddPagePanel<Pages.CustomerDisputesPanel>(PagePanels.StaffCustomer);
        builder.Services.AddWebhookSource(DisputeWebhooks.Source);
        builder.AddDisputeTimers();
        builder.Services.AddScoped<DecisionRules>();
        builder.Services.AddScoped<PartyDisputes>();
        builder.Services.AddScoped<MerchantOrders>();
        builder.Services.AddSingleton<Platform.IDemoWorldPart, Demo.DemoDisputes>();
        builder.Services.AddScoped<Contracts.ShopperDisputeSteps>();
        builder.Services.AddScoped<Contracts.DisputeLiability>();
        builder.Services.AddDisputePolicies();
        builder.Services.AddCustomerDataHolder<Contracts.DisputeCustomerData>();
        builder.Services.AddCustomerStandingPart<Contracts.ShopperFraudStanding>();
        builder.Services.AddRetentionRule<Contracts.EvidenceRetention>();
        builder.Services.AddNavEntry(new("Dispute reviews", "/disputes/review", Icons.Material.Outlined.Gavel, [Roles.Agent, Roles.Admin], 10));
        builder.Services.AddNavEntry(new("All disputes", "/disputes/all", Icons.Material.Outlined.FormatListBulleted, [], 11, Shows: Policies.IsStaffDesk));
        builder.Services.AddNavEntry(new("Disputes", "/merchant/disputes", Icons.Material.Outlined.ReportProblem, [Roles.Merchant], 10));
        builder.Services.AddNavEntry(new("My disputes", "/shopper/disputes", Icons.Material.Outlined.ReportProblem, [Roles.Shopper], 10));
    }

    public static void MapDisputes(this IEndpointRouteBuilder app) => app.MapDisputeApi();
}
