using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Web;

/// <summary>
/// A person's browser that asks for an address with no page, or hits an unhandled error, gets a page of the product
/// (the menu and a way back; a trace id); API clients keep getting problem details for the same mistakes.
/// </summary>
public sealed class PageErrorTests
{
    private const string Boom = "/test-only/boom";

    [Fact]
    public async Task A_mistyped_address_shows_the_not_found_page_with_the_menu_and_a_way_home()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await People.CreateAsync(app, "anna@shopper.example", Roles.Shopper);
        using var browser = new WebSession(app);
        await browser.SignInAsync("anna@shopper.example", People.Password);

        var response = await browser.Http.SendAsync(PageRequest("/shoper/orders"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is no page at this address", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/shopper\"", page, StringComparison.Ordinal); // the shopper's menu entry
        Assert.Contains("Go to your home page", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_address_and_a_script_keep_getting_problem_details_and_signed_out_it_is_the_sign_in_page()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await People.CreateAsync(app, "anna@shopper.example", Roles.Shopper);
        using var browser = new WebSession(app);
        await browser.SignInAsync("anna@shopper.example", People.Password);

        // The same mistake in an API address, even from a browser, and a page address asked for by a script.
        foreach (var request in new[] { PageRequest("/api/v1/no-such-thing"), new HttpRequestMessage(HttpMethod.Get, "/no/such/page") })
        {
            var problem = await browser.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"status\":404", await problem.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Nobody signed in: every address but the public ones asks for a sign-in first, mistyped or not.
        using var stranger = app.Client();
        var signIn = await stranger.SendAsync(PageRequest("/no/such/page"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/signin", WebSession.Location(signIn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unhandled_error_shows_a_calm_page_with_the_trace_id_and_problem_details_to_a_script()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, builder =>
            builder.Services.AddSingleton<IStartupFilter>(new ThrowingPathFilter()));
        await People.CreateAsync(app, "anna@shopper.example", Roles.Shopper);
        using var browser = new WebSession(app);
        await browser.SignInAsync("anna@shopper.example", People.Password);

        var page = await browser.Http.SendAsync(PageRequest(Boom));
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong on our side", html, StringComparison.Ordinal);
        var traceId = System.Text.RegularExpressions.Regex.Match(html, "data-trace-id[^>]*>([0-9a-zA-Z:-]+)<").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(traceId), html);
        Assert.DoesNotContain("simulated failure", html, StringComparison.Ordinal);

        var problem = await browser.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, Boom));
        Assert.Equal(HttpStatusCode.InternalServerError, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
    }

    private static HttpRequestMessage PageRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        // What Chromium sends for a page.
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    /// <summary>
    /// Throws for <see cref="Boom"/> behind the whole app (where a request no endpoint took arrives), so the exception
    /// travels back through the app's own error handling as a page's would.
    /// </summary>
    private sealed class ThrowingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext http, RequestDelegate rest) => http.Request.Path == Boom
                ? throw new InvalidOperationException("A simulated failure while serving a page.")
                : rest(http));
        };
    }
}
