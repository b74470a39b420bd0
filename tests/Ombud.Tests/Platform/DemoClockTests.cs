using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

/// <summary>The demo clock on a real node: an admin moves it forward in demo mode only, and every reading follows.</summary>
public sealed class DemoClockTests
{
    [Fact]
    public async Task In_demo_mode_an_admin_moves_the_nodes_clock_forward_and_only_forward()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = CliTests.Env(database);
        env["Ombud__Demo"] = "true";
        var key = await AdminKeyAsync(env);
        await using var node = await OmbudProcess.ServeAsync(env);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var before = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/demo-clock");
        var moved = await http.PostAsJsonAsync("/api/v1/admin/demo-clock/advance", new { hours = 21 * 24 });
        var after = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/demo-clock");

        Assert.Equal("00:00:00", before.GetProperty("ahead").GetString());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("21.00:00:00", after.GetProperty("ahead").GetString());
        var gap = after.GetProperty("now").GetDateTime() - before.GetProperty("now").GetDateTime();
        Assert.InRange(gap, TimeSpan.FromDays(21), TimeSpan.FromDays(21) + TimeSpan.FromMinutes(10));

        foreach (var hours in new[] { 0, -5, 90 * 24 + 1 })
        {
            var refused = await http.PostAsJsonAsync("/api/v1/admin/demo-clock/advance", new { hours });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("hours", out _));
        }

        Assert.Equal("21.00:00:00", (await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/demo-clock")).GetProperty("ahead").GetString());
    }

    [Fact]
    public async Task Outside_demo_mode_there_is_no_demo_clock()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var env = CliTests.Env(database);
        var key = await AdminKeyAsync(env);
        await using var node = await OmbudProcess.ServeAsync(env);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/admin/demo-clock")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/v1/admin/demo-clock/advance", new { hours = 24 })).StatusCode);
    }

    private static async Task<string> AdminKeyAsync(Dictionary<string, string> env)
    {
        var (exitCode, stdout, stderr) = await OmbudProcess.RunAsync(env, "apikey", "create", "--name", "operator", "--scope", "admin");
        Assert.True(exitCode == 0, stderr);
        return stdout.TrimEnd().Split('\n')[^1];
    }
}
