using Microsoft.AspNetCore.Identity;
using MudBlazor;
using Ombud.Commerce.Contracts;
using Ombud.Disputes;
using Ombud.Fraud.Api;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Contracts;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.People;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;
using Ombud.Web.Components;
using Ombud.Web.Layout;

namespace Ombud.Fraud;

internal static class FraudSetup
{
    public static void AddFraud(this IHostApplicationBuilder builder, HostSettings settings)
    {
        var services = builder.Services;
        services.AddOptions<FraudOptions>().Bind(builder.Configuration.GetSection(FraudOptions.Section))
            .Validate(o => o.IsValid(), $"{FraudOptions.Section}: ReviewAt and DeclineAt must be between 0 and 1, ReviewAt no higher than DeclineAt; DecisionWriters from 1 to 64; Rings:MinCustomers from 2 to 1000, Rings:HourUtc from 0 to 23.")
            .ValidateOnStart();
        services.AddScoped<RiskHistory>();
        services.AddSingleton<RiskModels>();
        services.AddHostedService<RiskModelStartup>();
        services.AddScoped<RiskDesk>();
        services.AddSingleton<DecisionBatches>();
        services.AddHostedService(s => s.GetRequiredService<DecisionBatches>());
        services.AddSingleton<StoreLabels>();
        services.AddScoped<Rules.RuleBook>();
        services.AddScoped<Rules.RuleSnoozes>();
        services.AddScoped<Rules.LiveRules>();
        services.AddSingleton<Rules.LiveRuleSet>();
        services.AddSingleton<Rules.BacktestHistory>();
        services.AddRulePolicy();
        services.AddHostedService<Rules.DemoRules>();
        services.AddScoped<FraudTrendHistory>();
        services.AddScoped<Trends.FraudTrends>();
        services.AddScoped<Trends.FraudPatterns>();
        services.AddScoped<Pages.RiskDecisionReads>();
        services.AddPagePanel<Pages.RiskPanel>(PagePanels.StaffOrder);
        services.AddPagePanel<Pages.LatestRiskDecisions>(PagePanels.FraudHome);
        services.AddEventSubscriber<OrderScoring>(OrderScoring.Subscriber, OrderPlaced.Type);
        services.AddScoped<IOrderLabelSource, CaseLabels>();
        services.AddSingleton<DecidedOrders>();
        services.AddScoped<FraudSpecialists>();
        services.AddScoped<CaseOpening>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<CaseReads>();
        services.AddCustomerDataHolder<Contracts.FraudCustomerData>();
        services.AddCustomerStandingPart<Contracts.FraudStanding>();
        services.AddHostedService<DemoCases>();
        services.AddScoped<FraudLinks>();
        services.AddScoped<Links.LinkExplorer>();
        services.AddScoped<Rings.RingDetection>();
        services.AddScoped<Rings.RingDesk>();
        services.AddTimer<Rings.RingTimer>(Rings.RingTimer.Kind, WorkCommit.Outside);
        if (builder.Configuration.GetSection(EventOptions.Section).GetValue<bool?>(nameof(EventOptions.RunInBackground)) ?? !settings.IsCommand)
        {
            services.AddDailyTimerStart(Rings.RingTimer.Kind, Rings.RingTimer.Hour);
        }

        services.AddEventSubscriber<UnauthorisedReportCases>(UnauthorisedReportCases.Subscriber, UnauthorisedPurchaseReported.Type);
        // Only a review opens a case: approvals and declines (nearly every order) get no delivery at all.
        services.AddEventSubscriber<ReviewDecisionCases, RiskDecided>(ReviewDecisionCases.Subscriber, RiskDecided.Type,
            decided => decided.Outcome == nameof(RiskOutcome.Review));
        // People only: a case is held by a person, and only that person (or an admin) may decide it.
        services.AddAuthorizationBuilder().AddPolicy(CaseEndpoints.Policy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.FraudSpecialist, Roles.Admin));
        services.AddNavEntry(new("Fraud cases", "/fraud/cases", Icons.Material.Outlined.Policy, [Roles.FraudSpecialist, Roles.Admin], 20));
        services.AddNavEntry(new("Fraud rings", "/fraud/rings", Icons.Material.Outlined.Hub, [Roles.FraudSpecialist, Roles.Admin], 21));
        services.AddNavEntry(new("Fraud rules", "/fraud/rules", Icons.Material.Outlined.Rule, [Roles.FraudSpecialist, Roles.Analyst], 31));
        services.AddNavEntry(new("Fraud trends", "/fraud/trends", Icons.Material.Outlined.TrendingUp, [Roles.FraudSpecialist, Roles.Analyst], 32));
        services.AddNavEntry(new("Risk decisions", "/fraud/decisions", Icons.Material.Outlined.Shield, [Roles.FraudSpecialist, Roles.Analyst, Roles.Agent, Roles.Admin], 30));
    }

    public static void MapFraud(this IEndpointRouteBuilder app)
    {
        app.MapRiskApi();
        app.MapCaseApi();
        app.MapRuleApi();
        app.MapTrendApi();
        app.MapLinkApi();
    }
}
