using Ombud.Web.Components;
using Ombud.Platform.Privacy;
using Ombud.Platform.StaffDesk;

namespace Ombud.Conversations;

internal static class ConversationsSetup
{
    public static void AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConversationService>();
        builder.Services.AddScoped<HandOffQueue>();
        builder.Services.AddSingleton<ConversationGlances>();
        builder.Services.AddSingleton<Contracts.ConversationFeed>();
        builder.Services.AddCustomerDataHolder<Contracts.ConversationCustomerData>();
        builder.Services.AddScoped<Contracts.CustomerConversations>();
        builder.Services.AddCustomerViewPart<Contracts.CustomerConversations>();
        builder.Services.AddPagePanel<Pages.CustomerConversationsPanel>(PagePanels.StaffCustomer);
        builder.Services.AddRetentionRule<Contracts.ConversationRetention>();
    }

    /// <summary>
    /// Nothing to map yet: shoppers reach their conversations through the assistant's hub and API, and staff see the
    /// queue on a page. The agent marketplace's endpoints for conversations will be mapped here.
    /// </summary>
    public static void MapConversations(this IEndpointRouteBuilder app)
    {
        _ = app;
    }
}
