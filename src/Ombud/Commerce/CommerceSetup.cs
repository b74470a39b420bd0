using Ombud.Platform.Privacy;
using Ombud.Commerce.Ingestion;
using Ombud.Platform.Auth;
using Ombud.Web.Admin;
using Ombud.Web.Layout;

namespace Ombud.Commerce;

internal static class CommerceSetup
{
    public static void AddCommerce(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CommerceIngestion>();
        builder.Services.AddScoped<OrderRefunds>();
        builder.Services.AddScoped<CommerceReads>();
        builder.Services.AddScoped<OrderProgress>();
        builder.Services.AddScoped<OrderBatches>();
        builder.Services.AddScoped<CustomerAccounts>();
        builder.Services.AddScoped<Contracts.CustomerOrders>();
        builder.Services.Configure<Difficulty.DifficultyOptions>(builder.Configuration.GetSection(Difficulty.DifficultyOptions.Section));
        builder.Services.AddScoped<Difficulty.PlanAdjustments>();
        Difficulty.DifficultyEndpoints.AddDifficultyPolicies(builder.Services);
        builder.Services.AddNavEntry(new("Payment difficulty", "/staff/difficulty", MudBlazor.Icons.Material.Outlined.HealthAndSafety, [Roles.Agent, Roles.Admin], 15));
        builder.Services.AddAdminCounts<Contracts.CommerceCounts>();
        builder.Services.AddCustomerDataHolder<Contracts.CommerceCustomerData>();
        builder.Services.AddKeyScopeChoices<Contracts.MerchantKeyScopes>();
    }

    public static void MapCommerce(this IEndpointRouteBuilder app)
    {
        app.MapIngestion();
        Difficulty.DifficultyEndpoints.MapDifficulty(app);
    }
}
