using System.Net;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Security;

/// <summary>Finding 10: a content security policy, referrer policy and HSTS; behind a trusted proxy, secure cookies.</summary>
public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task Pages_carry_a_script_policy_with_a_nonce_and_a_referrer_policy()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        using var browser = new WebSession(app);

        var response = await browser.GetAsync("/signin");
        var html = await response.Content.ReadAsStringAsync();

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only over HTTPS");
    }

    [Fact]
    public async Task Api_answers_carry_the_policy_with_scripts_from_this_origin_only_and_no_nonce()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);

        var response = await app.Client().GetAsync(new Uri("/api/v1/webhooks/endpoints", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce-", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_that_terminated_TLS_cookies_are_secure_and_HSTS_is_sent()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, ClientAddresses.Behind);
        await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        var client = app.Client();
        client.BaseAddress = new Uri("http://ombud.provider.example");
        using var request = ClientAddresses.From("203.0.113.30", HttpMethod.Get, "/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var page = await client.SendAsync(request);

        Assert.Contains("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var browser = new WebSession(app, "https://ombud.provider.example");
        var signIn = await browser.SignInAsync("ana@provider.example", People.Password);
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ombud=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, ClientAddresses.Direct("203.0.113.40"));
        var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/signin", UriKind.Relative));
        request.Headers.Add("X-Forwarded-Proto", "https");
        client.BaseAddress = new Uri("http://ombud.provider.example");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
