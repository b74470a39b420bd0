using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Auth;

public sealed class ApiKeyApiTests
{
    private static readonly Uri Keys = new("/api/v1/admin/api-keys", UriKind.Relative);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_admin_key_makes_a_key_that_works_until_it_is_revoked_and_both_acts_are_audited(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);

        var made = await admin.PostAsJsonAsync(Keys, new { name = "  warehouse feed ", scopes = new[] { "ingest" } });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var body = await made.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetGuid();
        Assert.Equal("warehouse feed", body.GetProperty("key").GetProperty("name").GetString());
        Assert.Equal($"/api/v1/admin/api-keys/{id}", made.Headers.Location!.OriginalString);

        var feed = app.Client();
        feed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await feed.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);

        var listed = await admin.GetFromJsonAsync<JsonElement>(Keys);
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetGuid() == id && k.GetProperty("revokedAt").ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);

        // Revoked: this node refuses the key at once, not after its 30 s cache.
        var revoked = await admin.PostAsync(new Uri($"/api/v1/admin/api-keys/{id}/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await feed.GetAsync(new Uri("/api/v1/customers", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(new Uri($"/api/v1/admin/api-keys/{id}/revoke", UriKind.Relative), null)).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Subject == $"apikey:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["apikey.created", "apikey.revoked"], audit.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"scopes":["ingest"]}""", "name")]
    [InlineData("""{"name":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["everything"]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["merchant:not-a-guid"]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":[null]}""", "scopes")]
    public async Task A_bad_key_request_is_refused_naming_the_field_and_makes_nothing(string json, string field)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var before = await app.WithDbAsync(db => db.ApiKeys.CountAsync());

        var answer = await admin.PostAsync(Keys, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await app.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Only_an_admin_manages_keys_and_an_unknown_key_is_not_found()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var ingest = await app.ClientWithKeyAsync(Scopes.Ingest);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(Keys)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.GetAsync(Keys)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.PostAsJsonAsync(Keys, new { name = "mine", scopes = new[] { "admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PostAsync(new Uri($"/api/v1/admin/api-keys/{Guid.NewGuid()}/revoke", UriKind.Relative), null)).StatusCode);
    }
}
