using MudBlazor;
using Microsoft.Extensions.Options;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace.Quality;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Timers;
using Ombud.Web.Layout;
using Ombud.Platform.Privacy;

namespace Ombud.Marketplace.Pay;

/// <summary>Pay and quality: the ledger and its subscribers, the floor's daily timer, CSAT, the QA sample, their pages in the menu.</summary>
internal static class PaySetup
{
    public static void AddMarketplacePay(this IHostApplicationBuilder builder, HostSettings settings)
    {
        var services = builder.Services;
        services.AddOptions<PayOptions>().Bind(builder.Configuration.GetSection(PayOptions.Section))
            .Validate(o => o.IsValid(), $"{PayOptions.Section}: AgentMarket must name one of Markets; each market an ISO 4217 Currency, amounts "
                                        + "not negative, complexity keyed by skill; FloorHourUtc 0–23, FloorLookbackDays 1–60, PresenceLogDays above FloorLookbackDays, QaSamplePerMille 0–1000.")
            .ValidateOnStart();
        services.AddScoped<EarningsLedger>();
        services.AddScoped<EarningsStatements>();
        services.AddScoped<HourlyFloor>();
        services.AddScoped<PayoutExport>();
        services.AddScoped<CsatSurvey>();
        services.AddScoped<QaDesk>();
        services.AddEventSubscriber<ConversationPay>(ConversationPay.Subscriber, ConversationWrappedUp.Type);
        services.AddEventSubscriber<QaSample>(QaSample.Subscriber, ConversationWrappedUp.Type);
        services.AddTimer<FloorRun>(FloorRun.Kind);
        services.AddRetentionRule<Presence.PresenceRetention>();
        if (builder.Configuration.GetSection(EventOptions.Section).GetValue<bool?>(nameof(EventOptions.RunInBackground)) ?? !settings.IsCommand)
        {
            services.AddDailyTimerStart(FloorRun.Kind, FloorRun.HourOf);
        }

        services.AddSingleton(new EndedConversationPanel(typeof(Pages.CsatSurveyPanel)));
        services.AddNavEntry(new("My earnings", "/agent/earnings", Icons.Material.Outlined.Payments, [Roles.Agent], 16));
        services.AddNavEntry(new("QA review", "/staff/qa", Icons.Material.Outlined.FactCheck, [], 17, Shows: Policies.IsStaffDesk));
        services.AddNavEntry(new("Agent payouts", "/admin/payouts", Icons.Material.Outlined.RequestQuote, [Roles.Admin], 92));
    }
}
