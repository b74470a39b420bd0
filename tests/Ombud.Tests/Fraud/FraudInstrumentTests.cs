using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Features;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Fraud;

/// <summary>
/// Payment instruments as link entities: an order carries the gateway's fingerprint of the card it was paid with (never
/// its number), customers paying with one card link up in the graph and in rings, and the card's velocity and fraud
/// history reach the risk features. And rings in a time window: a device shared 200 days apart is no ring link, 10 days
/// apart it is.
/// </summary>
public sealed class FraudInstrumentTests
{
    private const string Rings = "/api/v1/fraud/rings";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Customers_paying_with_one_card_are_linked_as_a_ring_and_the_card_shows_masked_and_counts_in_the_features(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var start = app.Clock.GetUtcNow();
        var ring = new List<Guid>();
        foreach (var name in new[] { "Rut", "Rolf", "Rasmus" })
        {
            // Nothing shared but the card: each its own device, connection and address.
            ring.Add(await FraudLinkTests.OrderAsync(feed, merchant, name, device: $"dev-{name}", ip: $"203.0.113.{ring.Count + 1}", street: $"{name}vägen 3",
                postcode: $"118 6{ring.Count}", instrument: Card("fp_shared_card"), placedAt: start.AddHours(ring.Count - 3)));
        }

        var stored = await app.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == ring[0]).Select(o => new { o.InstrumentFingerprint, o.InstrumentBin, o.InstrumentLast4 })
            .SingleAsync());
        Assert.Equal(("fp_shared_card", "424242", "4242"), (stored.InstrumentFingerprint, stored.InstrumentBin, stored.InstrumentLast4));
        var read = await feed.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{ring[0]}");
        Assert.Equal("card ••4242 (BIN 424242)", read.GetProperty("paymentInstrument").GetProperty("label").GetString());

        // The card's velocity and its other customers reach the features, through the earlier orders a check reads.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var history = scope.ServiceProvider.GetRequiredService<RiskHistory>();
            var last = (await history.OrderAsync(ring[2], default))!;
            var earlier = await history.EarlierLinkedAsync(last, default);
            Assert.Equal(ring.Take(2).Order(), earlier.Select(o => o.OrderId).Order());
            var past = new EntityHistory();
            foreach (var order in earlier.OrderBy(o => o.PlacedAt))
            {
                past.Observe(OrderEvents.From(order));
            }

            var features = RiskFeatures.Of(OrderEvents.From(last), past);
            Assert.Equal(2, features[RiskFeatures.IndexOf("card.orders_24h")]);
            Assert.Equal(2, features[RiskFeatures.IndexOf("card.other_customers_7d")]);
        }

        var specialist = await People.CreateAsync(app, "fraud.cards@provider.example", Roles.FraudSpecialist);
        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync("/api/v1/fraud/cases", new { orderId = ring[0], summary = "One card, three accounts" }));
        await DisputeParties.OkAsync(await browser.Http.PostAsync(new Uri($"{Rings}/detection", UriKind.Relative), null));

        var found = Assert.Single((await browser.Http.GetFromJsonAsync<JsonElement>(Rings)).EnumerateArray());
        Assert.Equal((3, "payment instrument", 1), (found.GetProperty("customers").GetInt32(), found.GetProperty("sharedKinds").GetString(),
            found.GetProperty("sharedIdentities").GetInt32()));
        var view = await browser.Http.GetFromJsonAsync<JsonElement>($"{Rings}/{found.GetProperty("id").GetGuid()}");
        var card = Assert.Single(view.GetProperty("graph").GetProperty("identities").EnumerateArray());
        Assert.Equal(("paymentInstrument", "card ••4242 (BIN 424242)", 3), (card.GetProperty("kind").GetString(), card.GetProperty("masked").GetString(),
            card.GetProperty("orderIds").GetArrayLength()));
        Assert.Contains(view.GetProperty("graph").GetProperty("nodes").EnumerateArray(), n => n.GetProperty("kind").GetString() == "paymentInstrument");
        Assert.DoesNotContain("fp_shared_card", view.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_card_number_is_refused_in_every_instrument_field_naming_it_and_nothing_is_stored(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var cases = new (JsonObject Instrument, string Field)[]
        {
            (Card("4242 4242 4242 4242"), "paymentInstrument.fingerprint"),
            (Card("tok_4111-1111-1111-1111"), "paymentInstrument.fingerprint"),
            (Card("fp_fine", bin: "4242424242424242"), "paymentInstrument.bin"),
            (Card("fp_fine", last4: "5555555555554444"), "paymentInstrument.last4"),
            (Card("fp_fine", bin: "42424"), "paymentInstrument.bin"),
            (Card("fp_fine", last4: "42a2"), "paymentInstrument.last4"),
            (new JsonObject { ["kind"] = "card", ["last4"] = "4242" }, "paymentInstrument.fingerprint"),
        };
        foreach (var (instrument, field) in cases)
        {
            var order = Feed.Order(customer, merchant);
            order["paymentInstrument"] = instrument;
            var response = await feed.Client.PostAsJsonAsync("/api/v1/orders", order);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
            Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("4242 4242 4242 4242", body, StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_device_shared_200_days_apart_is_no_ring_link_and_10_days_apart_it_is(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["Ombud:Fraud:Rings:MinCustomers"] = "2" });
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var now = app.Clock.GetUtcNow();
        var old = await FraudLinkTests.OrderAsync(feed, merchant, "Olle", device: "family-tablet", ip: "81.2.69.31", street: "Gamla vägen 1", postcode: "113 01",
            placedAt: now.AddDays(-200));
        var recent = await FraudLinkTests.OrderAsync(feed, merchant, "Nora", device: "family-tablet", ip: "81.2.69.32", street: "Nya vägen 1", postcode: "113 02",
            placedAt: now.AddHours(-1));

        var specialist = await People.CreateAsync(app, "fraud.window@provider.example", Roles.FraudSpecialist);
        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync("/api/v1/fraud/cases", new { orderId = recent, summary = "A second-hand tablet?" }));
        await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync("/api/v1/fraud/cases", new { orderId = old, summary = "The tablet's first owner" }));

        var apart = await DisputeParties.OkAsync(await browser.Http.PostAsync(new Uri($"{Rings}/detection", UriKind.Relative), null));
        Assert.Equal(0, apart.GetProperty("found").GetInt32());
        Assert.Empty((await browser.Http.GetFromJsonAsync<JsonElement>(Rings)).EnumerateArray());

        var close = now.AddDays(-10);
        await FraudLinkTests.OrderAsync(feed, merchant, "Nils", device: "family-tablet", ip: "81.2.69.33", street: "Nya vägen 2", postcode: "113 02", placedAt: close);
        var together = await DisputeParties.OkAsync(await browser.Http.PostAsync(new Uri($"{Rings}/detection", UriKind.Relative), null));
        Assert.Equal(1, together.GetProperty("found").GetInt32());
        var found = Assert.Single((await browser.Http.GetFromJsonAsync<JsonElement>(Rings)).EnumerateArray());
        Assert.Equal(2, found.GetProperty("customers").GetInt32());
        Assert.Equal(90, found.GetProperty("windowDays").GetInt32());
        Assert.Equal(close.UtcDateTime, found.GetProperty("firstActivityAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(now.AddHours(-1).UtcDateTime, found.GetProperty("lastActivityAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
        var members = (await browser.Http.GetFromJsonAsync<JsonElement>($"{Rings}/{found.GetProperty("id").GetGuid()}")).GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { "Nils Testsson", "Nora Testsson" }, members);
    }

    [Theory]
    [InlineData("4242 4242 4242 4242", true)]
    [InlineData("tok_4111-1111-1111-1111", true)]
    [InlineData("378282246310005", true)]
    [InlineData("4242 4242 4242 4241", false)]
    [InlineData("M469509594859802", false)]
    [InlineData("card_1NXbYf2eZvKYlo2C", false)]
    [InlineData("424242", false)]
    public void A_card_number_is_told_by_its_length_standing_alone_and_the_luhn_check(string text, bool cardNumber) =>
        Assert.Equal(cardNumber, PaymentInstrument.LooksLikeCardNumber(text));

    private static JsonObject Card(string fingerprint, string bin = "424242", string last4 = "4242") =>
        new() { ["kind"] = "card", ["fingerprint"] = fingerprint, ["bin"] = bin, ["last4"] = last4 };
}
