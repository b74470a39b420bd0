using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Security;

/// <summary>Findings 3 and 11 and the API's rate limit: what keys, good and bad, cost and get.</summary>
public sealed class ApiKeyProbeTests
{
    [Fact]
    public async Task Unknown_and_malformed_keys_leave_nothing_in_the_nodes_memory()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, ClientAddresses.Behind);
        var cache = (MemoryCache)app.Services.GetRequiredService<IMemoryCache>();
        var client = app.Client();
        var before = cache.Count;

        for (var i = 0; i < 200; i++)
        {
            var secret = i % 2 == 0
                ? ApiKey.Prefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
                : ApiKey.Prefix + new string('x', 7_700) + i;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            request.Headers.Add(ClientAddresses.Header, $"203.0.113.{i % 250}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(before, cache.Count);
    }

    [Fact]
    public async Task A_valid_key_gets_415_for_a_wrong_content_type_and_404_for_an_unknown_route()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var client = await app.ClientWithKeyAsync(Scopes.Ingest);

        var wrongType = await client.PostAsync(new Uri("/api/v1/customers", UriKind.Relative), new StringContent("name=x", Encoding.UTF8, "text/plain"));
        var unknownRoute = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task One_key_over_its_limit_gets_429_with_Retry_After_and_another_key_is_not_slowed()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Ombud:RateLimits:PerKey"] = "5",
            ["Ombud:RateLimits:WindowSeconds"] = "3600",
        });
        var busy = await app.ClientWithKeyAsync(Scopes.Ingest);
        var other = await app.ClientWithKeyAsync(Scopes.Ingest);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await busy.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        var refused = await busy.GetAsync(new Uri("/api/v1/customers", UriKind.Relative));
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task One_person_over_their_limit_gets_429_and_another_person_is_not_slowed()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Ombud:RateLimits:PerPerson"] = "3",
            ["Ombud:RateLimits:WindowSeconds"] = "3600",
        });
        await People.CreateAsync(app, "ana@provider.example", Roles.Admin);
        await People.CreateAsync(app, "bo@provider.example", Roles.Admin);
        using var busy = new WebSession(app);
        using var other = new WebSession(app);
        await busy.SignInAsync("ana@provider.example", People.Password);
        await other.SignInAsync("bo@provider.example", People.Password);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await busy.GetAsync("/api/v1/staff/customers")).StatusCode);
        }

        // The list without a search is refused as bad input (400); it is counted all the same, and the fourth is not let in.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 3).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.GetAsync("/api/v1/staff/customers")).StatusCode);
    }
}
