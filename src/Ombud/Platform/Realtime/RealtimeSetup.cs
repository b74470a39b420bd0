using Microsoft.AspNetCore.SignalR;

namespace Ombud.Platform.Realtime;

/// <summary>SignalR for live pages and chats; across nodes through Redis when <c>Ombud:Redis</c> is set.</summary>
internal static class RealtimeSetup
{
    public static void AddOmbudRealtime(this IHostApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(o => o.AddFilter<WriteTurnHubFilter>());
        builder.Services.AddSingleton<LiveChannel>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveChannel>());
        var redis = builder.Configuration["Ombud:Redis"];
        if (string.IsNullOrEmpty(redis))
        {
            return;
        }

        signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("ombud"));
        builder.Services.AddSingleton(new RedisReadiness(redis));
        builder.Services.AddHealthChecks().AddCheck<RedisReadiness>("redis", tags: ["ready"]);
    }
}
