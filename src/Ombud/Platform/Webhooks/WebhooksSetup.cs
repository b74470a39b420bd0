using Microsoft.Extensions.Options;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Webhooks;

/// <summary>Standard Webhooks out of the outbox: endpoints, signing, deliveries with retries, the dispatcher.</summary>
public static class WebhooksSetup
{
    internal static void AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(WebhookOptions.Section);
        services.Configure<WebhookOptions>(section);
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSources>();
        services.AddSingleton<WebhookDispatch>();
        services.AddTimer<WebhookAttempts>(WebhookAttempts.Kind, WorkCommit.Outside);
        services.AddScoped<WebhookSender>();
        services.AddScoped<WebhookEndpointRegistry>();
        services.AddScoped<WebhookDeliveryLog>();
        services.AddAuthorizationBuilder().AddPolicy(WebhookApi.Policy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.FindAll(Scopes.ClaimType).Any(s => s.Value == Scopes.Admin || s.Value.StartsWith(Scopes.MerchantPrefix, StringComparison.Ordinal))));

        services.AddHttpClient(WebhookSender.HttpClientName, (provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Ombud-Webhooks/1");
            })
            // The factory's loggers write each URL, which may carry a token of the receiver's; the sender logs ids instead.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    // A redirect is an answer, not a delivery; following it would also leave the checked address.
                    AllowAutoRedirect = false,
                    // The address check below must see the endpoint's address, not a proxy's.
                    UseProxy = false,
                    ConnectTimeout = TimeSpan.FromSeconds(5),
                    ConnectCallback = (context, ct) => WebhookUrl.ConnectAsync(context, options, ct),
                };
            });
    }

    internal static void MapWebhooks(this WebApplication app) => app.MapWebhookApi();

    /// <summary>How a module makes its outbox events webhooks (called from the module's setup).</summary>
    public static IServiceCollection AddWebhookSource(this IServiceCollection services, WebhookSource source)
    {
        services.AddEventSubscriber<WebhookFanOut>(WebhookFanOut.Subscriber, [.. source.EventTypes]);
        return services.AddSingleton(source);
    }
}
