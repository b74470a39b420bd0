using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Support;

/// <summary>
/// Ombud as it runs in production, in process: the real host composition, a real database (SQLite or PostgreSQL),
/// migrations applied, served by the test server. The clock is a <see cref="FakeTimeProvider"/> the test moves.
/// </summary>
public sealed class OmbudTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDatabase;

    private OmbudTestApp(WebApplication app, TestDatabase database, FakeTimeProvider clock, bool ownsDatabase = true)
    {
        _app = app;
        Database = database;
        Clock = clock;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host on a fresh database. <paramref name="configure"/> may add configuration or replace services.</summary>
    public static async Task<OmbudTestApp> StartAsync(Provider provider, Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null) =>
        await StartOnAsync(await TestDatabase.CreateAsync(provider), configure, settings, ownsDatabase: true);

    /// <summary>
    /// Starts a host on a database another host used, as a restarted node would; the database outlives this host
    /// unless <paramref name="ownsDatabase"/>.
    /// </summary>
    public static async Task<OmbudTestApp> StartOnAsync(TestDatabase database, Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null, bool ownsDatabase = false, DateTimeOffset? now = null)
    {
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var configuration = new Dictionary<string, string?>
        {
            ["Ombud:Database:Provider"] = database.ProviderName,
            ["Ombud:Database:ConnectionString"] = database.ConnectionString,
            ["Ombud:Demo"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests provoke failed commands on purpose (a dropped database, racing duplicates); their assertions say what matters.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = OmbudHost.Build(new HostSettings([], null, IsCommand: true, configuration, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            configure?.Invoke(builder);
        }));
        await app.Services.PrepareDatabaseAsync(migrate: true, _ => Task.CompletedTask, CancellationToken.None);
        await app.StartAsync();
        return new OmbudTestApp(app, database, clock, ownsDatabase);
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Client() => _app.GetTestClient();

    /// <summary>A client that sends a freshly created API key with the given scopes.</summary>
    public async Task<HttpClient> ClientWithKeyAsync(params string[] scopes)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await CreateKeyAsync(scopes));
        return client;
    }

    public async Task<string> CreateKeyAsync(params string[] scopes)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        var (key, secret) = ApiKey.Create("test", scopes, Clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>Runs <paramref name="work"/> with a fresh unit of work, as one request would.</summary>
    public async Task<T> WithDbAsync<T>(Func<OmbudDb, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OmbudDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
