using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Platform.Audit;

/// <summary>The admin's audit log: filtered by who, what, on what and which days, newest first, a page at a time.</summary>
public sealed class AuditLogApiTests
{
    private const string Log = "/api/v1/admin/audit-log";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Admins_filter_the_audit_log_by_actor_action_subject_and_days_and_page_through_it(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var lena = await People.CreateAsync(app, "lena.admin@example.se", Roles.Admin);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        // Three days of entries, on a clock the test moves: day 1 two by Lena, day 2 one by the CLI, day 3 one by Lena.
        await RecordAsync(app, $"user:{lena.Id}", "customer.viewed", "customer:c1");
        // Entries of one millisecond have no order among themselves; a second apart they have.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await RecordAsync(app, $"user:{lena.Id}", "customer.searched", "customers");
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(app, "cli", "privacy.exported", "customer:c1");
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(app, $"user:{lena.Id}", "apikey.created", "apikey:k1");

        Assert.Equal(["apikey.created", "customer.searched", "customer.viewed"], await ActionsAsync(admin, $"actor=user:{lena.Id}"));
        Assert.Equal(["apikey.created", "customer.searched", "customer.viewed"], await ActionsAsync(admin, "actor=LENA.admin@example.se"));
        Assert.Empty(await ActionsAsync(admin, "actor=nobody@example.se"));
        Assert.Equal(["customer.searched", "customer.viewed"], await ActionsAsync(admin, "action=customer."));
        Assert.Equal(["privacy.exported", "customer.viewed"], await ActionsAsync(admin, "subject=customer:c1"));
        Assert.Equal(["privacy.exported"], await ActionsAsync(admin, "from=2026-11-24&to=2026-11-24"));
        Assert.Equal(["customer.searched", "customer.viewed"], await ActionsAsync(admin, "to=2026-11-23"));

        var first = await admin.GetFromJsonAsync<JsonElement>($"{Log}?actor=user:{lena.Id}&limit=2");
        Assert.Equal(["apikey.created", "customer.searched"], Actions(first));
        var second = await admin.GetFromJsonAsync<JsonElement>($"{Log}?actor=user:{lena.Id}&limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal(["customer.viewed"], Actions(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        foreach (var (query, field) in new[]
                 {
                     ("from=23-11-2026", "from"), ("to=2026-02-30", "to"), ("from=2026-11-25&to=2026-11-24", "to"), ("limit=0", "limit"),
                     ("cursor=abc", "cursor"), ($"action={new string('a', 201)}", "action"),
                 })
        {
            var response = await admin.GetAsync($"{Log}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), query);
        }

        await People.CreateAsync(app, "agent.audit@example.se", Roles.Agent);
        var session = new WebSession(app);
        await session.SignInAsync("agent.audit@example.se", People.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Http.GetAsync(new Uri(Log, UriKind.Relative))).StatusCode);
    }

    private static async Task RecordAsync(OmbudTestApp app, string actor, string action, string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAloneAsync(actor, action, subject, null, default);
    }

    private static async Task<List<string>> ActionsAsync(HttpClient admin, string query) =>
        Actions(await admin.GetFromJsonAsync<JsonElement>($"{Log}?{query}")).Where(a => a != "user.signed-in").ToList();

    private static List<string> Actions(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];
}
