using MudBlazor;
using Ombud.Platform.Auth;
using Ombud.Web.Layout;
using Ombud.Web.Components;
using Microsoft.Extensions.Options;
using Ombud.Conversations.Contracts;
using Ombud.Marketplace.AgentConsole;
using Ombud.Marketplace.Agents;
using Ombud.Marketplace.Api;
using Ombud.Marketplace.Dispatch;
using Ombud.Marketplace.Pay;
using Ombud.Marketplace.Quality;
using Ombud.Marketplace.Presence;
using Ombud.Marketplace.Surge;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Marketplace;

internal static class MarketplaceSetup
{
    public static void AddMarketplace(this IHostApplicationBuilder builder, HostSettings settings)
    {
        var services = builder.Services;
        services.AddOptions<MarketplaceOptions>().Bind(builder.Configuration.GetSection(MarketplaceOptions.Section))
            .Validate(o => o.IsValid(), $"{MarketplaceOptions.Section}: seconds must be positive, the widening steps in order "
                                        + "(AnyLevelAfterSeconds ≤ AnySkillAfterSeconds ≤ StaffAfterSeconds) and PreferredLevel from 1 to 5.")
            .ValidateOnStart();
        services.AddScoped(s => new DispatchRules(s.GetRequiredService<IOptions<MarketplaceOptions>>().Value, s.GetRequiredService<TimeProvider>()));
        services.AddScoped<Dispatcher>();
        services.AddScoped<AgentOffers>();
        services.AddScoped<AgentDirectory>();
        services.AddScoped<Agents.AgentApplications>();
        services.AddScoped<Agents.ApplicationMail>();
        services.AddScoped<Agents.AgentConflicts>();
        services.AddSingleton<AgentNews>();
        services.AddSingleton<AnswersInFlight>();
        services.AddScoped<AgentDesk>();
        services.AddScoped<AnswerMail>();
        services.AddScoped<Platform.Auth.ISignInClaims, AgentSignInClaims>();
        builder.AddMarketplacePay(settings);
        builder.AddMarketplaceSurge(settings);
        // Each of these may push an offer to an agent, who should not wait for 49 other deliveries to commit first.
        services.AddEventSubscriber<HandOffArrivals>(HandOffArrivals.Subscriber, WorkCommit.Alone, ConversationHandedOff.Type);
        services.AddEventSubscriber<ConversationEndings>(ConversationEndings.Subscriber, WorkCommit.Alone, ConversationClosed.Type);
        services.AddEventSubscriber<StaffAgents>(StaffAgents.Subscriber, Platform.People.PeopleEvents.Invited, Platform.People.PeopleEvents.RolesChanged);
        services.AddTimer<OfferExpiry>(Dispatcher.OfferExpiryKind, WorkCommit.Alone);
        services.AddTimer<QueueReview>(Dispatcher.QueueReviewKind, WorkCommit.Alone);
        services.AddTimer<PresenceLapse>(PresenceLapse.Kind);
        services.AddMarketplacePolicies();
        services.AddHostedService<Demo.DemoAgents>();

        services.AddNavEntry(new("Agent console", "/agent/console", Icons.Material.Outlined.HeadsetMic, [Roles.Agent], 15));
        services.AddNavEntry(new("Agent applications", "/admin/agents", Icons.Material.Outlined.HowToReg, [Roles.Admin], 70));
        services.AddPagePanel<Pages.JoinLink>(PagePanels.SignIn);
        services.AddPagePanel<Pages.BecomeAgentPanel>(PagePanels.ShopperHome);
    }

    public static void MapMarketplace(this IEndpointRouteBuilder app)
    {
        app.MapMarketplaceApi();
        app.MapAgentApplications();
        app.MapPayApi();
        app.MapSurgeApi();
        app.MapQualityApi();
        app.MapHub<AgentHub>(AgentHub.Path);
    }
}
