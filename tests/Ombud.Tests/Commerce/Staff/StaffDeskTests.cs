using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ombud.Marketplace;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Commerce.Staff;

/// <summary>The staff desk over the API: search a customer, open everything about them, every search and look audited; never a gig agent.</summary>
public sealed class StaffDeskTests
{
    private const string Search = "/api/v1/staff/customers";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Staff_find_a_customer_by_order_reference_name_email_or_phone_and_read_all_about_them_audited(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var world = await UlrikaAsync(app);
        var staff = await StaffPeople.AgentAsync(app, world.Parties, "per.staff@example.se", AgentTier.Staff);

        foreach (var (query, matchedOn) in new[] { ("ORD-7731", "order"), ("lindqvist", "name"), ("ULRIKA.L@", "e-mail"), ("555 01", "phone") })
        {
            var found = await staff.GetFromJsonAsync<JsonElement>($"{Search}?q={Uri.EscapeDataString(query)}");
            var match = Assert.Single(found.EnumerateArray());
            Assert.Equal(world.Customer, match.GetProperty("id").GetGuid());
            Assert.Equal(matchedOn, match.GetProperty("matchedOn").GetString());
        }

        Assert.Empty((await staff.GetFromJsonAsync<JsonElement>($"{Search}?q=nobody-by-this-name")).EnumerateArray());

        var first = await staff.GetFromJsonAsync<JsonElement>($"{Search}/{world.Customer}");
        var sections = first.GetProperty("sections");
        Assert.Equal("Ulrika Lindqvist", sections.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("ORD-7731", Assert.Single(sections.GetProperty("orders").EnumerateArray()).GetProperty("externalId").GetString());
        Assert.Equal(10_000, Assert.Single(sections.GetProperty("payments").EnumerateArray()).GetProperty("amount").GetProperty("minor").GetInt64());
        Assert.Equal(world.Dispute, Assert.Single(sections.GetProperty("disputes").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Single(sections.GetProperty("conversations").EnumerateArray());
        Assert.Empty(first.GetProperty("reads").EnumerateArray());

        // The second look shows the first among the reads of her data.
        var second = await staff.GetFromJsonAsync<JsonElement>($"{Search}/{world.Customer}");
        var read = Assert.Single(second.GetProperty("reads").EnumerateArray());
        Assert.Equal("customer.viewed", read.GetProperty("action").GetString());
        Assert.Equal("over the API", read.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{Search}/{Guid.NewGuid()}")).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "customer.searched" || e.Action == "customer.viewed").OrderBy(e => e.At).ToListAsync());
        var searches = audit.Where(e => e.Action == "customer.searched").ToList();
        Assert.Equal(5, searches.Count);
        Assert.All(searches, e => Assert.StartsWith("user:", e.Actor, StringComparison.Ordinal));
        Assert.Equal(["1 found", "1 found", "1 found", "1 found", "0 found"], searches.Select(e => e.Detail));
        // What was searched for is personal data erasure could not find again: it is not written down.
        Assert.DoesNotContain(audit, e => (e.Detail ?? "").Contains("7731", StringComparison.Ordinal) || (e.Detail ?? "").Contains("lindqvist", StringComparison.OrdinalIgnoreCase));
        var views = audit.Where(e => e.Action == "customer.viewed").ToList();
        Assert.Equal(2, views.Count);
        Assert.All(views, e => Assert.Equal($"customer:{world.Customer}", e.Subject));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_gig_agent_may_not_search_or_open_a_customer_and_a_bad_search_names_its_field(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var world = await UlrikaAsync(app);
        var gig = await StaffPeople.AgentAsync(app, world.Parties, "elin.pro@example.se", AgentTier.Pro);
        var staff = await StaffPeople.AgentAsync(app, world.Parties, "per.staff@example.se", AgentTier.Staff);
        var fraud = await world.Parties.PersonAsync("fia.fraud@example.se", Roles.FraudSpecialist);

        Assert.Equal(HttpStatusCode.Forbidden, (await gig.GetAsync($"{Search}?q=ORD-7731")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gig.GetAsync($"{Search}/{world.Customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gig.GetAsync(DisputeParties.Staff)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Shopper.GetAsync($"{Search}/{world.Customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fraud.GetAsync($"{Search}/{world.Customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Parties.StaffApi.GetAsync($"{Search}?q=ORD-7731")).StatusCode);

        foreach (var (query, field) in new[] { ("", "q"), ("q=", "q"), ("q=x", "q"), ($"q={new string('a', 201)}", "q"), ("q=anna&limit=0", "limit"), ("q=anna&limit=51", "limit") })
        {
            var response = await staff.GetAsync($"{Search}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), query);
        }

        // Refused and bad searches are not searches: nothing audited.
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "customer.searched")));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "customer.viewed")));
    }

    internal sealed record Ulrika(DisputeParties Parties, Guid Customer, Guid Order, Guid Dispute, HttpClient Shopper);

    /// <summary>Ulrika, with a paid-towards order ORD-7731 she disputes and a conversation; and Bengt, who must not turn up.</summary>
    internal static async Task<Ulrika> UlrikaAsync(OmbudTestApp app)
    {
        var parties = await DisputeParties.OpenAsync(app);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var ulrika = await feed.CreateAsync("customers", Person("Ulrika Lindqvist", "ulrika.l@example.se", "+46 70 555 01 02"));
        await feed.CreateAsync("customers", Person("Bengt Ek", "bengt.ek@example.se", "+46 70 999 00 00"));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var body = Feed.Order(ulrika, merchant);
        body["externalId"] = "ORD-7731";
        var order = await feed.CreateAsync("orders", body);
        await feed.CreateAsync("payments", new() { ["orderId"] = order, ["amount"] = 10_000, ["currency"] = "SEK" });
        await People.CreateAsync(app, "ulrika@example.se", Roles.Shopper, customerId: ulrika);
        var shopper = await parties.SignInAsync("ulrika@example.se");
        var dispute = (await DisputeParties.CreatedAsync(await shopper.PostAsJsonAsync(DisputeParties.Shopper,
            new { orderId = order, reason = "goodsOrServiceNotReceived", description = "It never came" }))).GetProperty("id").GetGuid();
        await DisputeParties.CreatedAsync(await shopper.PostAsJsonAsync("/api/v1/assistant/conversations", new { }));
        return new Ulrika(parties, ulrika, order, dispute, shopper);
    }

    private static JsonObject Person(string name, string email, string phone)
    {
        var body = Feed.Customer();
        (body["name"], body["email"], body["phone"]) = (name, email, phone);
        return body;
    }
}
