using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Rings;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Timers;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Fraud;

/// <summary>
/// What links to a case's order, step by step through shared devices, addresses and phones, masked for the reader;
/// and rings: three customers tied by a device and an address with fraud among them are found, a linked pair and an
/// unflagged trio are not.
/// </summary>
public sealed class FraudLinkTests
{
    private const string Cases = "/api/v1/fraud/cases";
    private const string Rings = "/api/v1/fraud/rings";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_cases_graph_follows_shared_identities_to_the_chosen_depth_and_masks_them(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        // a ─device─ b ─address (spelt differently)─ c ─phone─ d; e shares nothing.
        var a = await OrderAsync(feed, merchant, "Alva", device: "dev-shared", ip: "81.2.69.11", street: "Storgatan 1", postcode: "111 22");
        var b = await OrderAsync(feed, merchant, "Bo", device: "dev-shared", ip: "81.2.69.12", street: "Kungsgatan 5", postcode: "111 57");
        var c = await OrderAsync(feed, merchant, "Cecilia", device: "dev-c", ip: "81.2.69.13", street: "kungsgatan  5", postcode: "11157", phone: "+46 70 555 12 34");
        var d = await OrderAsync(feed, merchant, "David", device: "dev-d", ip: "81.2.69.14", street: "Drottninggatan 9", postcode: "111 51", phone: "+46705551234");
        var e = await OrderAsync(feed, merchant, "Elin", device: "dev-e", ip: "81.2.69.15", street: "Vasagatan 2", postcode: "111 20");

        var specialist = await People.CreateAsync(app, "fraud.links@provider.example", Roles.FraudSpecialist);
        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        var opened = await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync(Cases, new { orderId = a, summary = "Who else used this device?" }));
        var caseId = opened.GetProperty("id").GetGuid();

        var two = await GraphAsync(browser, caseId, null);
        Assert.Equal(2, two.GetProperty("depth").GetInt32());
        Assert.Equal(new Dictionary<Guid, int> { [a] = 0, [b] = 1, [c] = 2 }, Hops(two));
        var address = Assert.Single(two.GetProperty("identities").EnumerateArray(), i => i.GetProperty("kind").GetString() == "shippingAddress"
                                                                                        && i.GetProperty("orderIds").GetArrayLength() == 2);
        Assert.Equal(new[] { b, c }.Order(), address.GetProperty("orderIds").EnumerateArray().Select(o => o.GetGuid()).Order());
        var caseOrder = Assert.Single(two.GetProperty("orders").EnumerateArray(), o => o.GetProperty("orderId").GetGuid() == a);
        Assert.Equal(caseId, caseOrder.GetProperty("openCaseId").GetGuid());

        Assert.Equal(new Dictionary<Guid, int> { [a] = 0, [b] = 1 }, Hops(await GraphAsync(browser, caseId, 1)));
        var three = await GraphAsync(browser, caseId, 3);
        Assert.Equal(new Dictionary<Guid, int> { [a] = 0, [b] = 1, [c] = 2, [d] = 3 }, Hops(three));
        Assert.DoesNotContain(e, Hops(three).Keys);

        // What leaves is masked: no other customer's e-mail, street, full IP or phone number.
        var text = three.GetRawText();
        foreach (var secret in new[] { "bo@example.org", "cecilia@example.org", "kungsgatan", "81.2.69.12", "5551234", "555 12 34" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        var emails = three.GetProperty("identities").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "email")
            .Select(i => i.GetProperty("masked").GetString()).ToList();
        Assert.Contains("a•••@example.org", emails);
        Assert.Contains(three.GetProperty("identities").EnumerateArray(), i => i.GetProperty("masked").GetString() == "•••34");

        var reads = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(x => x.Action == "fraud.case-links-viewed" && x.Subject == $"fraud-case:{caseId}"));
        Assert.Equal(3, reads);

        await AssertProblemAsync(await browser.Http.GetAsync(new Uri($"{Cases}/{caseId}/links?depth=0", UriKind.Relative)), HttpStatusCode.BadRequest, "depth");
        await AssertProblemAsync(await browser.Http.GetAsync(new Uri($"{Cases}/{caseId}/links?depth=4", UriKind.Relative)), HttpStatusCode.BadRequest, "depth");
        await AssertProblemAsync(await browser.Http.GetAsync(new Uri($"{Cases}/{caseId}/links?depth=two", UriKind.Relative)), HttpStatusCode.BadRequest, "depth");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(new Uri($"{Cases}/{Guid.NewGuid()}/links", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_ring_with_fraud_is_found_daily_and_on_demand_and_a_linked_pair_or_an_unflagged_trio_is_not(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var ring = new List<Guid>();
        foreach (var name in new[] { "Rut", "Rolf", "Rasmus" })
        {
            ring.Add(await OrderAsync(feed, merchant, name, device: "ring-device", ip: $"203.0.113.{ring.Count + 1}", street: "Ringvägen 3", postcode: "118 60"));
        }

        var pair = await OrderAsync(feed, merchant, "Pia", device: "pair-device", ip: "81.2.69.21", street: "Parkvägen 1", postcode: "112 21");
        await OrderAsync(feed, merchant, "Per", device: "pair-device", ip: "81.2.69.22", street: "Parkvägen 2", postcode: "112 21");
        var trio = new[] { "Tove", "Tage", "Tilda" };
        for (var i = 0; i < trio.Length; i++)
        {
            // Three customers on one phone, but no fraud and no case among them.
            await OrderAsync(feed, merchant, trio[i], device: $"trio-{i}", ip: $"81.2.70.{i + 1}", street: $"{trio[i]}gatan 1", postcode: "113 30",
                phone: "+46 70 999 00 00");
        }

        var specialist = await People.CreateAsync(app, "fraud.rings@provider.example", Roles.FraudSpecialist);
        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        var ringCase = (await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync(Cases, new { orderId = ring[0], summary = "Drop address" })))
            .GetProperty("id").GetGuid();
        await DisputeParties.OkAsync(await browser.Http.PostAsync(new Uri($"{Cases}/{ringCase}/start", UriKind.Relative), null));
        await DisputeParties.OkAsync(await browser.Http.PostAsJsonAsync($"{Cases}/{ringCase}/decision",
            new { liability = "firstPartyFraud", note = "The same device ordered for three new accounts." }));
        await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync(Cases, new { orderId = pair, summary = "Two on one device" }));

        // The daily run: the durable timer set on start fires at its hour and finds the ring.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await DailyTimer.EnsureAsync(scope.ServiceProvider, RingTimer.Kind, 3, default);
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        var fired = await app.Services.GetRequiredService<TimerRun>().RunOnceAsync([RingTimer.Kind], default);
        Assert.Equal(1, fired.GetValueOrDefault(RingTimer.Kind));
        var nextRun = await app.WithDbAsync(db => db.Set<DurableTimer>().Where(t => t.Kind == RingTimer.Kind).Select(t => t.FireAt).SingleAsync());
        Assert.True(nextRun > app.Clock.GetUtcNow().UtcDateTime, "The run sets the next day's.");

        // A day on, the first sign-in has expired: sign in again.
        using var next = new WebSession(app);
        await next.SignInAsync(specialist.Email!, People.Password);
        var found = Assert.Single((await next.Http.GetFromJsonAsync<JsonElement>(Rings)).EnumerateArray());
        Assert.Equal(3, found.GetProperty("customers").GetInt32());
        Assert.Equal(3, found.GetProperty("orders").GetInt32());
        Assert.Equal(1, found.GetProperty("fraudOrders").GetInt32());
        Assert.Equal("device, shipping address", found.GetProperty("sharedKinds").GetString());
        var value = Assert.Single(found.GetProperty("value").EnumerateArray());
        Assert.Equal("SEK", value.GetProperty("currency").GetString());
        Assert.Equal(3 * Total, value.GetProperty("ordersMinor").GetInt64());
        Assert.Equal(Total, value.GetProperty("fraudMinor").GetInt64());
        Assert.Equal(JsonValueKind.Null, found.GetProperty("caseId").ValueKind);

        // On demand: the same ring again, nothing new.
        var pass = await DisputeParties.OkAsync(await next.Http.PostAsync(new Uri($"{Rings}/detection", UriKind.Relative), null));
        Assert.Equal((1, 0, 0), (pass.GetProperty("found").GetInt32(), pass.GetProperty("new").GetInt32(), pass.GetProperty("gone").GetInt32()));

        var ringId = found.GetProperty("id").GetGuid();
        var view = await next.Http.GetFromJsonAsync<JsonElement>($"{Rings}/{ringId}");
        Assert.Equal(new[] { "Rasmus Testsson", "Rolf Testsson", "Rut Testsson" }, view.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var graph = view.GetProperty("graph");
        Assert.Equal(ring.Order(), graph.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).Order());
        Assert.Equal(2, graph.GetProperty("identities").EnumerateArray().Count(i => i.GetProperty("orderIds").GetArrayLength() == 3));

        var opened = await DisputeParties.CreatedAsync(await next.Http.PostAsync(new Uri($"{Rings}/{ringId}/case", UriKind.Relative), null));
        var caseId = opened.GetProperty("id").GetGuid();
        Assert.Equal(CaseSource.Ring, await app.WithDbAsync(db => db.Set<FraudCase>().Where(c => c.Id == caseId).Select(c => c.Source).SingleAsync()));
        var again = await DisputeParties.CreatedAsync(await next.Http.PostAsync(new Uri($"{Rings}/{ringId}/case", UriKind.Relative), null));
        Assert.Equal(opened.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        var listed = Assert.Single((await next.Http.GetFromJsonAsync<JsonElement>(Rings)).EnumerateArray());
        Assert.Equal(opened.GetProperty("id").GetGuid(), listed.GetProperty("caseId").GetGuid());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(x => x.Action == "fraud.ring-viewed")));

        // A fourth customer joins on the ring's device, and the ring's lowest member is no longer the one it was found with
        // (as when a member's orders are erased): the next run continues the same ring, with its case.
        var joined = await OrderAsync(feed, merchant, "Rakel", device: "ring-device", ip: "203.0.113.9", street: "Annan väg 1", postcode: "118 61");
        await app.WithDbAsync(db => db.Set<FraudRing>().Where(r => r.Id == ringId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Key, "a member no longer in it")));
        var grown = await DisputeParties.OkAsync(await next.Http.PostAsync(new Uri($"{Rings}/detection", UriKind.Relative), null));
        Assert.Equal((1, 0, 0), (grown.GetProperty("found").GetInt32(), grown.GetProperty("new").GetInt32(), grown.GetProperty("gone").GetInt32()));
        var continued = Assert.Single((await next.Http.GetFromJsonAsync<JsonElement>(Rings)).EnumerateArray());
        Assert.Equal((ringId, 4, caseId), (continued.GetProperty("id").GetGuid(), continued.GetProperty("customers").GetInt32(), continued.GetProperty("caseId").GetGuid()));
        Assert.Contains(joined, (await next.Http.GetFromJsonAsync<JsonElement>($"{Rings}/{ringId}")).GetProperty("graph").GetProperty("orders").EnumerateArray()
            .Select(o => o.GetProperty("orderId").GetGuid()));

        Assert.Equal(HttpStatusCode.NotFound, (await next.Http.GetAsync(new Uri($"{Rings}/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await next.Http.PostAsync(new Uri($"{Rings}/{Guid.NewGuid()}/case", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task A_gig_agent_a_merchant_and_a_shopper_are_refused_the_links_and_the_rings()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        foreach (var (email, role) in new[] { ("gig@agents.example", Roles.Agent), ("shop@merchant.example", Roles.Merchant), ("me@shopper.example", Roles.Shopper) })
        {
            await People.CreateAsync(app, email, role);
            using var browser = new WebSession(app);
            await browser.SignInAsync(email, People.Password);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.GetAsync(new Uri(Rings, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.GetAsync(new Uri($"{Cases}/{Guid.NewGuid()}/links", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.PostAsync(new Uri($"{Rings}/detection", UriKind.Relative), null)).StatusCode);
        }
    }

    /// <summary>Feed.Order's price: one line of 1,299.00 and 49.00 shipping.</summary>
    private const long Total = 129_900 + 4_900;

    internal static async Task<Guid> OrderAsync(Feed feed, Guid merchant, string name, string device, string ip, string street, string postcode, string? phone = null,
        JsonObject? instrument = null, DateTimeOffset? placedAt = null)
    {
        var email = $"{name.ToLowerInvariant()}@example.org";
        var customer = Feed.Customer();
        customer["name"] = $"{name} Testsson";
        customer["email"] = email;
        customer.Remove("phone");
        var order = Feed.Order(await feed.CreateAsync("customers", customer), merchant);
        order["email"] = email;
        order["deviceFingerprint"] = device;
        order["ipAddress"] = ip;
        order["phone"] = phone;
        order["shippingAddress"] = new JsonObject { ["line1"] = street, ["city"] = "Stockholm", ["postalCode"] = postcode, ["country"] = "SE" };
        order["paymentInstrument"] = instrument;
        if (placedAt is { } at)
        {
            order["placedAt"] = at.UtcDateTime;
        }

        return await feed.CreateAsync("orders", order);
    }

    private static async Task<JsonElement> GraphAsync(WebSession browser, Guid caseId, int? depth) =>
        await browser.Http.GetFromJsonAsync<JsonElement>($"{Cases}/{caseId}/links{(depth is { } d ? $"?depth={d}" : "")}");

    private static Dictionary<Guid, int> Hops(JsonElement graph) =>
        graph.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("orderId").GetGuid(), o => o.GetProperty("hop").GetInt32());

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(field, body, StringComparison.Ordinal);
    }
}
