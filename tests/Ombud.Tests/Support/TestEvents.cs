using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Support;

/// <summary>Events for the event tests' subscribers.</summary>
internal static class TestEvents
{
    /// <summary>Publishes <paramref name="count"/> events of <paramref name="type"/>, numbered from 0 (<c>{"n": i}</c>), in one unit of work.</summary>
    public static async Task PublishAsync(OmbudTestApp app, string type, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<DomainEvents>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ =>
        {
            for (var i = 0; i < count; i++)
            {
                events.Publish(type, new { n = i });
            }

            return Task.CompletedTask;
        }, default);
    }
}
