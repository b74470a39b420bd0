using Ombud.Assistant;
using Ombud.Commerce;
using Ombud.Conversations;
using Ombud.Disputes;
using Ombud.Fraud;
using Ombud.Marketplace;
using Ombud.Platform;
using Ombud.Platform.Webhooks;
using Ombud.Web;

namespace Ombud;

/// <summary>The composition of Ombud: each module adds its services and maps its endpoints and pages.</summary>
internal static class OmbudHost
{
    public static WebApplication Build(HostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings.ConfigurationArgs });
        if (settings.Configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings.Configuration);
        }

        builder.AddPlatform(settings);
        builder.AddCommerce(settings);
        builder.AddConversations();
        builder.AddDisputes();
        builder.AddWebhooks();

        builder.AddAssistant();
        builder.AddMarketplace(settings);
        builder.AddFraud(settings);
        builder.AddWeb();
        settings.Configure?.Invoke(builder);

        var app = builder.Build();
        app.UsePlatform();
        app.MapPlatform();
        app.MapCommerce();
        app.MapConversations();
        app.MapWebhooks();
        app.MapDisputes();
        app.MapAssistant();
        app.MapMarketplace();
        app.MapFraud();
        app.MapWeb();
        return app;
    }
}

/// <summary>The one way a one-shot verb reaches the database: build the host, migrate, open a unit of work, run.</summary>
internal static class CommandHost
{
    public static async Task<int> RunAsync(Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var app = OmbudHost.Build(new HostSettings([], null, IsCommand: true));
        await app.Services.PrepareDatabaseAsync(migrate: true, _ => Task.CompletedTask, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

/// <summary>What the command line decided about the host before configuration is read.</summary>
/// <param name="ConfigurationArgs">Arguments handed to configuration (e.g. <c>--Ombud:Demo=false</c>).</param>
/// <param name="Urls">Addresses to listen on, from <c>--urls</c>; null keeps configuration or the default.</param>
/// <param name="IsCommand">True for one-shot verbs (migrate, seed, apikey): logs go to standard error so standard output stays the verb's own.</param>
/// <param name="Configuration">Settings that override every other source; tests use it for their database.</param>
/// <param name="Configure">Last say over the builder before it is built; tests use it for their clock and server.</param>
internal sealed record HostSettings(
    string[] ConfigurationArgs,
    string? Urls,
    bool IsCommand,
    IReadOnlyDictionary<string, string?>? Configuration = null,
    Action<WebApplicationBuilder>? Configure = null);
