using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

/// <summary>
/// Where a node's units of work spent their time, by the place in the code that ran them, read and reset under an
/// admin key: the window holds what ran since the last reset, with the time each held the gate on the node's clock.
/// </summary>
public sealed class WriteTimeTests
{
    private const string Route = "/api/v1/admin/storage/write-time";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Units_of_work_are_totalled_by_the_place_that_ran_them_since_the_last_reset(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        using var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        using var risk = await app.ClientWithKeyAsync(Scopes.Risk);
        await RunHoldingAsync(app, TimeSpan.FromMilliseconds(30));
        using var reset = await admin.PostAsync($"{Route}/reset", null);

        await RunHoldingAsync(app, TimeSpan.FromMilliseconds(250));
        await RunHoldingAsync(app, TimeSpan.FromMilliseconds(100));
        await StageNothingAsync(app);
        var window = await admin.GetFromJsonAsync<WriteTimeReport>(Route);
        using var byRiskKey = await risk.GetAsync(Route);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var before = (await reset.Content.ReadFromJsonAsync<WriteTimeReport>())!;
        Assert.Contains(before.Places, p => p is { Place: $"{nameof(WriteTimeTests)}.{nameof(RunHoldingAsync)}", Units: 1, HeldMs: 30 });
        // The clock is the node's, moved only inside the work: the holds are exact, the waits at an empty gate nil.
        var held = Assert.Single(window!.Places, p => p.Place == $"{nameof(WriteTimeTests)}.{nameof(RunHoldingAsync)}");
        Assert.Equal((2L, 350.0, 0.0), (held.Units, held.HeldMs, held.WaitedMs));
        var quick = Assert.Single(window.Places, p => p.Place == $"{nameof(WriteTimeTests)}.{nameof(StageNothingAsync)}");
        Assert.Equal((1L, 0.0), (quick.Units, quick.HeldMs));
        Assert.Equal(window.Places.OrderByDescending(p => p.HeldMs).ThenBy(p => p.Place, StringComparer.Ordinal), window.Places);
        Assert.True(window.Units >= 3);
        Assert.Equal(HttpStatusCode.Forbidden, byRiskKey.StatusCode);
    }

    private static async Task RunHoldingAsync(OmbudTestApp app, TimeSpan hold)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var done = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ =>
        {
            app.Clock.Advance(hold);
            return Task.CompletedTask;
        }, CancellationToken.None);
        Assert.True(done.Succeeded);
    }

    private static async Task StageNothingAsync(OmbudTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ => Task.CompletedTask, CancellationToken.None)).Succeeded);
    }
}
