using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ombud.BrowserTests.Sweep;
using Ombud.Platform.Auth;

namespace Ombud.BrowserTests;

/// <summary>
/// Every routable page of the app (read from its own route table, <see cref="PageRoute.All"/>) as every role that may
/// open it, on a phone-sized window (390 × 844): axe-core finds no serious or critical violation, the page does not
/// scroll sideways, nothing breaks; a screenshot of each lands in the test artifacts as sweep-&lt;role&gt;-&lt;page&gt;.png.
/// Pages with route parameters get real ids from the links on the role's other pages, so a new page is covered as soon
/// as something links to it. One test per role; its message lists every finding as "page (component): what".
/// </summary>
public sealed partial class PageSweepTests(SweepServer server) : IClassFixture<SweepServer>
{
    private const string Anonymous = "anonymous";

    /// <summary>A phone's window: the width the issue measured the pages at.</summary>
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static TheoryData<string> Viewers => new([Anonymous, .. Roles.All]);

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Every_page_a_role_may_open_passes_axe_and_fits_a_phone(string role)
    {
        var routes = PageRoute.All.Where(r => r.OpensFor(role == Anonymous ? null : role)).ToList();
        Assert.NotEmpty(routes);

        var page = await server.NewPageAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        await using var context = page.Context;
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        if (role != Anonymous)
        {
            await DemoServer.SignInAsync(page, role);
        }

        var links = new List<string>();
        var visited = new HashSet<PageRoute>();
        var findings = new List<string>();
        // Ids come from links on the role's pages first; only when none is left to follow, from the demo world's rows.
        for (var (progress, fromDemoWorld) = (true, false); progress || !fromDemoWorld;)
        {
            fromDemoWorld |= !progress;
            progress = false;
            foreach (var route in routes.Where(r => !visited.Contains(r)).ToList())
            {
                var path = route.HasParameters
                    ? links.FirstOrDefault(route.Matches) ?? (fromDemoWorld ? await DemoWorldPathAsync(route) : null)
                    : route.Template;
                if (path is null)
                {
                    continue;
                }

                visited.Add(route);
                progress = true;
                var found = await VisitAsync(page, role, route, path, links, pageErrors);
                findings.AddRange(found.Select(f => $"{path} ({route.Page}): {f}"));
            }
        }

        findings.AddRange(routes.Where(r => !visited.Contains(r)).Select(r =>
            $"{r.Template} ({r.Page}): not visited — no page open to {role} links to it and {nameof(UnlinkedPages)} has no demo-world "
            + "query for it (link to it from a list, or add the query)"));

        Assert.True(findings.Count == 0,
            $"{findings.Count} finding(s) as {role} at 390 × 844 over {visited.Count} page(s) (screenshots: {DemoServer.ArtifactsDirectory}):\n  "
            + string.Join("\n  ", findings));
    }

    [Fact]
    public async Task A_swedish_browser_in_stockholm_sees_kronor_and_local_time_on_the_dispute_page()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { Locale = "sv-SE", TimezoneId = "Europe/Stockholm" });
        await using var context = page.Context;
        await DemoServer.SignInAsync(page, "shopper");
        var row = (await server.QueryAsync(
            $"SELECT Id || '|' || DisputedMinor || '|' || ReportedAt FROM disputes_disputes WHERE upper(Id) = upper('{server.DisputeId}')"))[0].Split('|');

        await page.GotoAsync($"/shopper/disputes/{row[0].ToLowerInvariant()}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // What Swedish readers expect, worked out here without the app's formatter: "499,00 kr", "5 dec. 2026 11:03".
        var sv = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
        var amount = (long.Parse(row[1], sv) / 100m).ToString("#,##0.00", sv) + " kr";
        var reported = DateTime.SpecifyKind(DateTime.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var stockholm = TimeZoneInfo.ConvertTimeFromUtc(reported, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"));
        var shown = Normalised(await page.Locator(".mud-main-content").InnerTextAsync());
        Assert.Contains(Normalised(amount), shown, StringComparison.Ordinal);
        Assert.Contains(Normalised(stockholm.ToString("d MMM yyyy HH:mm", sv)), shown, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC", shown, StringComparison.Ordinal);
        await DemoServer.ScreenshotAsync(page, "viewer-sv-SE-dispute");
    }

    [Fact]
    public async Task On_a_phone_the_chat_reply_box_stays_in_view_however_long_the_conversation()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        await using var context = page.Context;
        await DemoServer.SignInAsync(page, "shopper");
        await page.GotoAsync("/assistant");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // A long conversation, as forty messages would make it: the transcript fills its share of the window.
        await page.EvaluateAsync("() => document.querySelector('[role=log]').insertAdjacentHTML('afterbegin', '<p style=\"height: 3000px\">earlier messages</p>')");
        foreach (var scrollY in new[] { 0, 400 })
        {
            await page.EvaluateAsync($"() => window.scrollTo(0, {scrollY})");
            var box = await page.Locator("#message").BoundingBoxAsync();
            Assert.True(box is not null && box.Y >= 0 && box.Y + box.Height <= Phone.Height,
                $"The reply box is out of view at scroll {scrollY}: {box?.Y} + {box?.Height} in an 844 px window.");
        }

        // Labelled, not only a placeholder: found by its label as a screen reader names it.
        await Assertions.Expect(page.GetByLabel("Your message")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[role=log]")).ToHaveAttributeAsync("aria-live", "polite");
        await DemoServer.ScreenshotAsync(page, "chat-390-long-conversation");
    }

    /// <summary>ICU writes Swedish digit groups with a no-break space: compare text with plain spaces.</summary>
    private static string Normalised(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');

    /// <summary>
    /// Pages with a parameter that no page links to yet, and where the demo world (with the fixture's dispute) has a row
    /// for them. A page nothing links to is a finding of its own kind (people cannot reach it either), so keep this short.
    /// </summary>
    private static readonly Dictionary<string, string> UnlinkedPages = new(StringComparer.Ordinal)
    {
        // Staff reach a dispute from the review queue only once it waits for a decision; the fixture's is earlier.
        ["/disputes/review/{Id:guid}"] = "SELECT Id FROM disputes_disputes ORDER BY ReportedAt DESC LIMIT 1",
        // The staff difficulty page opens a customer by typed reference.
        ["/staff/difficulty/{CustomerId:guid}"] = "SELECT CustomerId FROM disputes_disputes ORDER BY ReportedAt DESC LIMIT 1",
    };

    private async Task<string?> DemoWorldPathAsync(PageRoute route)
    {
        if (!UnlinkedPages.TryGetValue(route.Template, out var sql) || (await server.QueryAsync(sql)).FirstOrDefault() is not { } id)
        {
            return null;
        }

        var path = ParameterSegment().Replace(route.Template, id.ToLowerInvariant());
        return route.Matches(path) ? path : null;
    }

    private static async Task<List<string>> VisitAsync(IPage page, string role, PageRoute route, string path, List<string> links, List<string> pageErrors)
    {
        var findings = new List<string>();
        pageErrors.Clear();
        var response = await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (response is { Status: >= 500 })
        {
            findings.Add($"answered {response.Status}");
        }

        var landed = new Uri(page.Url).AbsolutePath;
        if (landed != path && (landed == "/denied" || (landed == "/signin" && role != Anonymous)))
        {
            findings.Add($"sent to {landed} although the page's [Authorize] lets {role} in");
            return findings;
        }

        try
        {
            await Assertions.Expect(page.Locator(".mud-progress-circular")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        }
        catch (PlaywrightException)
        {
            findings.Add("still loading after 60 s");
        }

        if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
        {
            findings.Add("Blazor's error bar is showing");
        }

        if (await page.Locator("h1").CountAsync() == 0)
        {
            findings.Add("no h1 heading");
        }

        findings.AddRange(await PageChecks.AxeAsync(page));
        if (await PageChecks.HorizontalScrollAsync(page) is { } scroll)
        {
            findings.Add(scroll);
        }

        findings.AddRange(pageErrors.Select(e => $"script error: {e}"));
        await DemoServer.ScreenshotAsync(page, $"sweep-{role}-{FileName(route.Template)}");
        links.AddRange(await page.EvalOnSelectorAllAsync<string[]>("a[href]",
            "anchors => anchors.map(a => new URL(a.href, location.href)).filter(u => u.origin === location.origin).map(u => u.pathname)"));
        return findings;
    }

    private static string FileName(string template)
    {
        var name = NotFileNameCharacters().Replace(template.Trim('/'), "-").Trim('-');
        return name.Length == 0 ? "root" : name;
    }

    [GeneratedRegex(@"\{[^}]+}")]
    private static partial Regex ParameterSegment();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotFileNameCharacters();
}
