using System.Text.Json;
using Microsoft.Playwright;

namespace Ombud.BrowserTests.Sweep;

/// <summary>
/// What the sweep asks of every page: axe-core (the npm package test.sh installs in tests/axe) finds no serious or
/// critical violation, nor a page without its one main landmark (a moderate rule, but the way a screen reader skips to
/// the content), and the page does not scroll sideways at the width of a phone. Each finding is one line naming
/// the rule, the elements and how to fix it.
/// </summary>
public static class PageChecks
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(DemoServer.RepositoryRoot(), "tests", "axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is not installed at {path}: run ./test.sh, or `npm ci` in tests/axe.");
    });

    /// <summary>Serious and critical axe-core violations, and main-landmark ones, on the page as it is now.</summary>
    public static async Task<List<string>> AxeAsync(IPage page)
    {
        // Evaluated over the DevTools protocol rather than added as a script tag: the app's Content-Security-Policy
        // (scripts only with the page's nonce) rightly refuses an injected tag, and the sweep must not weaken it.
        await page.EvaluateAsync(AxeSource.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const MainLandmark = ['landmark-one-main', 'landmark-no-duplicate-main', 'landmark-main-is-top-level'];
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical' || MainLandmark.includes(v.id))
                    .map(v => ({
                        rule: v.id,
                        impact: v.impact,
                        help: v.help,
                        nodes: v.nodes.length,
                        examples: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\s+/g, ' ').trim() + ')'),
                    }));
            }
            """);
        return violations.EnumerateArray().Select(v =>
                $"axe {v.GetProperty("impact").GetString()} '{v.GetProperty("rule").GetString()}': {v.GetProperty("help").GetString()} "
                + $"— {v.GetProperty("nodes").GetInt32()} element(s), e.g. "
                + string.Join("; ", v.GetProperty("examples").EnumerateArray().Select(e => e.GetString())))
            .ToList();
    }

    /// <summary>A finding when the page itself scrolls sideways, naming the outermost elements that stick out.</summary>
    public static async Task<string?> HorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<JsonElement>("""
            () => {
                const width = window.innerWidth;
                const clipped = e => {
                    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                        if (getComputedStyle(p).overflowX !== 'visible') return true;
                    }
                    return false;
                };
                const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed' && !clipped(e));
                const outermost = wide.filter(e => !wide.includes(e.parentElement)).slice(0, 3).map(e =>
                    e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].slice(0, 3).map(c => '.' + c).join('')
                    + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)');
                return { scroll: document.scrollingElement.scrollWidth, width, outermost };
            }
            """);
        var scroll = widths.GetProperty("scroll").GetInt32();
        var width = widths.GetProperty("width").GetInt32();
        return scroll <= width
            ? null
            : $"the page scrolls sideways: {scroll} px wide in a {width} px window; sticking out: "
                + string.Join(", ", widths.GetProperty("outermost").EnumerateArray().Select(e => e.GetString()));
    }
}
