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

    /// <summary>
    /// Waits (as long as the page's default) for <paramref name="page"/> to reach a URL matching <paramref name="url"/>
    /// after an action; when it does not, fails saying where the page is, what problem or error it shows, and the last
    /// of what the server logged (warnings and errors), so that a failure on CI tells its cause.
    /// </summary>
    public async Task ReachAsync(IPage page, System.Text.RegularExpressions.Regex url)
    {
        try
        {
            await page.WaitForURLAsync(url);
        }
        catch (TimeoutException timeout)
        {
            var shown = await page.Locator("[data-problem], #blazor-error-ui, #components-reconnect-modal").Filter(new() { Visible = true }).AllInnerTextsAsync();
            var log = ServerOutput.Split('\n');
            throw new TimeoutException(
                $"The page did not reach {url}: it is at {page.Url}, showing [{string.Join(" | ", shown)}]. The server's log ends with:\n"
                + string.Join('\n', log.TakeLast(40)), timeout);
        }
    }

    /// <summary>
    /// A fresh browser context and page on the server (a 1400 × 900 window unless <paramref name="options"/> say
    /// otherwise); steps wait generously, as CI machines are shared.
    /// </summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } };
        options.BaseURL = Url;
        var page = await (await Browser.NewContextAsync(options)).NewPageAsync();
        // A Blazor circuit can be slow to start on a loaded 2-core machine.
        page.SetDefaultTimeout(90_000);
        return page;
    }

    /// <summary>Signs in as the demo account of <paramref name="role"/> (or its account <paramref name="email"/>) with one click and waits for its home page.</summary>
    public async Task<IPage> SignInAsync(string role, string home, string? email = null)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, role, home, email);
        return page;
    }

    /// <summary>
    /// Signs <paramref name="page"/> in with one click on a demo account: the role's own one (several demo accounts may
    /// share a role, e.g. the marketplace's agents), or the one of <paramref name="email"/>. Waits for
    /// <paramref name="home"/>, or without one for any page but the sign-in page.
    /// </summary>
    public static async Task SignInAsync(IPage page, string role, string? home = null, string? email = null)
    {
        await page.GotoAsync("/signin");
        await page.Locator($"button[data-demo-email='{email ?? $"{role}@demo.ombud.test"}']").ClickAsync();
        if (home is not null)
        {
            await page.WaitForURLAsync($"**{home}");
        }
        else
        {
            await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await WaitUntilLiveAsync(page);
    }

    /// <summary>
    /// Waits until the page's live connection has drawn it (the layout's <c>data-live="true"</c>): before that the page
    /// is prerendered HTML, and a click on it is lost or, worse, answered after the circuit redraws the first page. A page
    /// that will never be live (sign-in, denied: plain HTML without a server component marker) is ready as it is.
    /// </summary>
    public static async Task WaitUntilLiveAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            """
            () => {
              const main = document.querySelector('main#main-content[data-live]');
              return !main || main.dataset.live === 'true' || !document.documentElement.innerHTML.includes('Blazor:{"type":"server"');
            }
            """,
            null, new PageWaitForFunctionOptions { Timeout = 90_000 });

    /// <summary>
    /// Clicks <paramref name="button"/> until <paramref name="shown"/> appears, at most three times: a click that comes
    /// before the page's live connection is up, or that a closing overlay takes, is lost, and a person clicks again.
    /// </summary>
    public static async Task ClickUntilShownAsync(ILocator button, ILocator shown, float timeout)
    {
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                // The last attempt waits as long as any step does.
                await shown.WaitForAsync(attempt < 3 ? new() { Timeout = timeout } : null);
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // The click did not count; click again.
            }
        }
    }

    /// <summary>
    /// Opens a select and chooses <paramref name="option"/>, then waits until its list has gone: the select takes the
    /// focus back as it closes, and text typed into another field before that can be lost (CI once summarised a rule
    /// snooze for "customer (none given)" after the id was filled). A person types after the list has gone.
    /// </summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { Name = option });
        await item.ClickAsync();
        await Assertions.Expect(item).ToBeHiddenAsync();
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

    /// <summary>The repository this test build sits in (the folder with Ombud.slnx).</summary>
    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ombud.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Ombud.slnx above {AppContext.BaseDirectory} (for screenshots, set OMBUD_TEST_ARTIFACTS).");
    }
}
