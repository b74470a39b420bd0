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
/// migrations applied, served by the test server. The database is usually a migrated copy
/// (<see cref="TestDatabase.CreateAsync"/>), and then the host skips migrating at start; on an empty one it migrates.
/// The clock is a <see cref="FakeTimeProvider"/> the test moves.
/// </summary>
public sealed class OmbudTestApp : IAsyncDisposable
{
    /// <summary>Where every test clock starts unless told otherwise: Monday 23 November 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly bool _ownsDatabase;

    private OmbudTestApp(WebApplication app, TestDatabase database, FakeTimeProvider clock, bool ownsDatabase)
    {
        _app = app;
        Database = database;
        Clock = clock;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host on a fresh, migrated database. <paramref name="configure"/> may add configuration or replace services.</summary>
    public static async Task<OmbudTestApp> StartAsync(Provider provider, Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null) =>
        await StartAsync(await TestDatabase.CreateAsync(provider), ownsDatabase: true, DefaultStart, configure, settings);

    /// <summary>
    /// Starts a host on a database the caller owns and keeps after this host is gone: a restart, or a real process
    /// sharing it. The clock starts at <paramref name="now"/>.
    /// </summary>
    public static Task<OmbudTestApp> StartOnAsync(TestDatabase database, DateTimeOffset now, Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null) =>
        StartAsync(database, ownsDatabase: false, now, configure, settings);

    private static async Task<OmbudTestApp> StartAsync(TestDatabase database, bool ownsDatabase, DateTimeOffset now,
        Action<WebApplicationBuilder>? configure, IDictionary<string, string?>? settings)
    {
        var clock = new FakeTimeProvider(now);
        var configuration = new Dictionary<string, string?>
        {
            ["Ombud:Database:Provider"] = database.ProviderName,
            ["Ombud:Database:ConnectionString"] = database.ConnectionString,
            ["Ombud:Demo"] = "false",
            ["Ombud:DataProtection:CertificatePath"] = TestCertificates.KeyEncryptionPath,
            ["Ombud:DataProtection:CertificatePassword"] = TestCertificates.Password,
            // Many tests share one host and one (absent) client address; the abuse tests set the limits they test.
            ["Ombud:RateLimits:PerKey"] = "100000000",
            ["Ombud:RateLimits:PerPerson"] = "100000000",
            ["Ombud:RateLimits:PerAnonymousAddress"] = "100000000",
            ["Ombud:RateLimits:SignInPerAddress"] = "100000000",
            ["Ombud:Assistant:ConversationsPerDay"] = "100000000",
            ["Ombud:Assistant:WaitingHandOffsPerShopper"] = "100000000",
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
        await app.Services.PrepareDatabaseAsync(migrate: !database.IsMigrated, _ => Task.CompletedTask, CancellationToken.None);
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
