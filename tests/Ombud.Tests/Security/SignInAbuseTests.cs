using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Security;

/// <summary>
/// Finding 8, sign-in: guesses are limited per address, wrong passwords hold the guessing address and never the account,
/// and neither the answer nor the work done tells which emails have accounts.
/// </summary>
public sealed class SignInAbuseTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_stranger_guessing_a_password_holds_only_their_own_address_and_the_owner_still_signs_in(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, ClientAddresses.Behind);
        await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        using var stranger = Browser(app, "203.0.113.7");

        for (var i = 0; i < 12; i++)
        {
            await stranger.SignInAsync("ana@provider.example", $"guess-number-{i}");
        }

        var rightPasswordFromTheStranger = await stranger.SignInAsync("ana@provider.example", People.Password);
        Assert.StartsWith("/signin?error=too-many-tries", WebSession.Location(rightPasswordFromTheStranger), StringComparison.Ordinal);

        using var owner = Browser(app, "198.51.100.20");
        var signIn = await owner.SignInAsync("ana@provider.example", People.Password);
        Assert.Equal("/", WebSession.Location(signIn));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/analyst")).StatusCode);
    }

    [Fact]
    public async Task Password_sign_in_is_rate_limited_per_address_with_429()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, ClientAddresses.Behind, new Dictionary<string, string?>
        {
            ["Ombud:RateLimits:SignInPerAddress"] = "3",
            ["Ombud:RateLimits:WindowSeconds"] = "3600",
        });
        using var browser = Browser(app, "203.0.113.8");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await browser.SignInAsync($"someone{i}@provider.example", "whatever-it-is")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        using var elsewhere = Browser(app, "203.0.113.9");
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.SignInAsync("someone@provider.example", "whatever-it-is")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_the_same_password_work_as_a_known_one()
    {
        var hasher = new CountingHasher();
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, builder =>
        {
            ClientAddresses.Behind(builder);
            builder.Services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<OmbudUser>>(hasher));
        });
        await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        using var browser = Browser(app, "203.0.113.10");

        hasher.Verified = 0;
        var known = await browser.SignInAsync("ana@provider.example", "wrong-password-1");
        var workForKnown = hasher.Verified;
        hasher.Verified = 0;
        var unknown = await browser.SignInAsync("nobody@provider.example", "wrong-password-1");

        Assert.Equal(WebSession.Location(known), WebSession.Location(unknown));
        Assert.Equal(1, workForKnown);
        Assert.Equal(1, hasher.Verified);
    }

    private static WebSession Browser(OmbudTestApp app, string address)
    {
        var browser = new WebSession(app);
        browser.Http.DefaultRequestHeaders.Add(ClientAddresses.Header, address);
        return browser;
    }

    private sealed class CountingHasher : IPasswordHasher<OmbudUser>
    {
        private readonly PasswordHasher<OmbudUser> _inner = new();

        public int Verified { get; set; }

        public string HashPassword(OmbudUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(OmbudUser user, string hashedPassword, string providedPassword)
        {
            Verified++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
