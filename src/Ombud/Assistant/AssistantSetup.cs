using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Ombud.Platform.Auth;
using Ombud.Web.Layout;
using System.ClientModel;
using Microsoft.Extensions.AI;
using Ombud.Assistant.Actions;
using Ombud.Assistant.Chat;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Knowledge;
using Ombud.Assistant.Llm;
using Ombud.Assistant.Metrics;
using Ombud.Assistant.Understanding;
using Ombud.Platform.Events;

namespace Ombud.Assistant;

internal static class AssistantSetup
{
    public static void AddAssistant(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AssistantOptions.Section);
        builder.Services.AddOptions<AssistantOptions>().Bind(section)
            .Validate(o => o.BatchWriters is >= 1 and <= 64, $"{AssistantOptions.Section}: BatchWriters is from 1 to 64.")
            .ValidateOnStart();
        var services = builder.Services;
        // Loaded once per node: the model and the index are read-only and shared by every turn.
        services.AddSingleton<IntentClassifier>();
        services.AddSingleton(_ => KnowledgeBase.Shipped());
        services.AddSingleton<MessageReader>();
        services.AddSingleton<TurnMetrics>();
        services.AddSingleton<ConversationFacts>();
        services.AddEventSubscriber<FactsRefresh>(FactsRefresh.Subscriber, FactsRefresh.EventTypes);
        services.AddScoped<DisputeActions>();
        services.AddScoped<DialoguePolicy>();
        services.AddScoped<DifficultyTalk>();
        services.AddScoped<ReplyPhraser>();
        services.AddScoped<ConversationDesk>();
        services.AddSingleton<TurnBatches>();
        services.AddHostedService(s => s.GetRequiredService<TurnBatches>());
        services.AddNavEntry(new("Assistant", "/assistant", Icons.Material.Outlined.Chat, [Roles.Shopper], 20, NavLinkMatch.All));
        services.AddNavEntry(new("Hand-off queue", "/assistant/handoffs", Icons.Material.Outlined.SupportAgent, [Roles.Agent, Roles.Admin], 20));
        // A pasted essay must reach the desk to be refused with a reason; SignalR's 32 KB default would drop the connection.
        services.AddSignalR().AddHubOptions<AssistantHub>(o => o.MaximumReceiveMessageSize = AssistantHub.MaxFrameBytes);

        var llm = section.GetSection("Llm").Get<LlmOptions>() ?? new LlmOptions();
        if (llm.IsConfigured)
        {
            services.AddChatClient(_ => new OpenAI.Chat.ChatClient(llm.Model!, new ApiKeyCredential(llm.ApiKey ?? "none"),
                new OpenAI.OpenAIClientOptions { Endpoint = new Uri(llm.Endpoint!) }).AsIChatClient());
        }
    }

    public static void MapAssistant(this WebApplication app)
    {
        app.MapAssistantApi();
        app.MapTurnMetrics();
        app.MapHub<AssistantHub>(AssistantHub.Path);
    }
}
