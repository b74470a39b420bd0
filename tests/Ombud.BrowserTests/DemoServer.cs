using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Ombud.Tests.Support;

namespace Ombud.BrowserTests;

/// <summary>
/// The real <c>ombud serve</c> on a fresh SQLite file in demo mode (a seeded world and one demo account per role),
/// and Debian's Chromium driven by Playwright. One of each for all the tests of a class; both end with it.
/// </summary>
public class DemoServer : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _directory = Directory.CreateTempSubdirectory("ombud-browser-").FullName;
    private OmbudProcess? _server;
    private IPlaywright? _playwright;

    public DemoServer()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A server with extra settings, as environment variables (e.g. <c>Ombud__Disputes__AppealDays</c>).</summary>
    protected DemoServer(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public string Url => _server?.Url ?? throw new InvalidOperationException("The server is not started.");

    public IBrowser Browser { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_directory, "ombud.db");

    /// <summary>Where screenshots go: $OMBUD_TEST_ARTIFACTS (test.sh sets it), else artifacts/screenshots in the repository.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var directory = Environment.GetEnvironmentVariable("OMBUD_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("OMBUD_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {chromium}. The browser tests use Debian's Chromium (apt-get install chromium), or the one "
                + "OMBUD_TEST_CHROMIUM names; Playwright's own browser downloads are not used.");
        }

        var settings = new Dictionary<string, string>(_settings);
        // The demo's own traffic (shoppers waiting, simulated agents answering) would take the hand-offs the tests make.
        settings.TryAdd("Ombud__Marketplace__DemoTraffic", "false");
        _server = await OmbudProcess.ServeAsync(new Dictionary<string, string>(settings)
        {
            ["Ombud__Database__Provider"] = "sqlite",
            ["Ombud__Database__ConnectionString"] = $"Data Source={DatabasePath}",
        });

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>Reads the server's database directly: what a page shows is checked against what is stored.</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return values;
    }

    public string ServerOutput => _server?.Output ?? "";

    /// <summary>A fresh browser context and page on the server; steps wait generously, as CI machines are shared.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Url,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        // A Blazor circuit can be slow to start on a loaded 2-core machine.
        page.SetDefaultTimeout(90_000);
        return page;
    }

    /// <summary>Signs in as the demo account of <paramref name="role"/> (or its account <paramref name="email"/>) with one click and waits for its home page.</summary>
    public async Task<IPage> SignInAsync(string role, string home, string? email = null)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");
        // Several demo accounts may share a role (the marketplace's agents): the role's own one unless another is named.
        await page.Locator($"button[data-demo-role='{role}'][data-demo-email='{email ?? $"{role}@demo.ombud.test"}']").ClickAsync();
        await page.WaitForURLAsync($"**{home}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean from temp.
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ombud.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Ombud.slnx above {AppContext.BaseDirectory}: set OMBUD_TEST_ARTIFACTS.");
    }
}
