using System.Text.Json.Nodes;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Assistant.Support;

/// <summary>
/// A shopper of their own for one test, fed in over the ingestion API as a provider would, with a signed-in account:
/// headphones from Nordljud shipped three weeks ago and not yet arrived (two of four instalments paid), an espresso
/// machine from Kaffekompaniet delivered (first instalment paid), running shoes from Stadium delivered (pay in 30
/// days). Order numbers are unique per shopper, so another test's shopper is "another customer".
/// </summary>
internal sealed record ShopperWorld(OmbudTestApp App, Guid Customer, string Email, ShopperOrder Headphones, ShopperOrder Espresso, ShopperOrder Shoes)
{
    private static int _shoppers;

    public static async Task<ShopperWorld> CreateAsync(OmbudTestApp app, string name = "Anna Svensson", string locale = "en-SE",
        bool withBigOrder = false)
    {
        var n = Interlocked.Increment(ref _shoppers) + (Environment.ProcessId % 1000 * 1000);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var customerBody = Feed.Customer();
        customerBody["name"] = name;
        customerBody["email"] = $"shopper{n}@example.se";
        customerBody["locale"] = locale;
        var customer = await feed.CreateAsync("customers", customerBody);

        var nordljud = await MerchantAsync(feed, "Nordljud Elektronik", "5732");
        var kaffe = await MerchantAsync(feed, "Kaffekompaniet", "5712");
        var stadium = await MerchantAsync(feed, "Stadium Sport", "5655");

        var headphones = await OrderAsync(feed, customer, nordljud, $"NL-{n}1", "Wireless headphones", 129_900, "payIn4", now.AddDays(-25));
        await feed.CreateAsync("payments", Payment(headphones.Id, 67_400));
        await PostAsync(feed, $"orders/{headphones.Id}/shipment", new JsonObject { ["carrier"] = "PostNord", ["trackingNumber"] = $"PN{n}000SE", ["shippedAt"] = now.AddDays(-21) });

        var espresso = await OrderAsync(feed, customer, kaffe, $"KK-{n}2", "Espresso machine", 459_000, "payIn4", now.AddDays(-10));
        await feed.CreateAsync("payments", Payment(espresso.Id, 115_975));
        await PostAsync(feed, $"orders/{espresso.Id}/shipment", new JsonObject { ["carrier"] = "DHL", ["trackingNumber"] = $"DHL{n}777", ["shippedAt"] = now.AddDays(-9) });
        await PostAsync(feed, $"orders/{espresso.Id}/delivery", new JsonObject { ["deliveredAt"] = now.AddDays(-7) });

        var shoes = await OrderAsync(feed, customer, stadium, $"ST-{n}3", "Running shoes", 89_900, "payIn30Days", now.AddDays(-5));
        await PostAsync(feed, $"orders/{shoes.Id}/shipment", new JsonObject { ["carrier"] = "Budbee", ["trackingNumber"] = $"BB{n}555", ["shippedAt"] = now.AddDays(-4) });
        await PostAsync(feed, $"orders/{shoes.Id}/delivery", new JsonObject { ["deliveredAt"] = now.AddDays(-3) });

        if (withBigOrder)
        {
            var tv = await OrderAsync(feed, customer, nordljud, $"NL-{n}4", "OLED television", 2_995_000, "financing", now.AddDays(-2));
            await PostAsync(feed, $"orders/{tv.Id}/shipment", new JsonObject { ["carrier"] = "Bring", ["trackingNumber"] = $"BR{n}444", ["shippedAt"] = now.AddDays(-1) });
        }

        var email = $"shopper{n}@demo.test";
        await People.CreateAsync(app, email, Roles.Shopper, customerId: customer);
        return new ShopperWorld(app, customer, email, headphones, espresso, shoes);
    }

    /// <summary>Signs in through the sign-in form and opens the chat hub with the browser's cookie.</summary>
    public async Task<Chat> ChatAsync() => await Chat.ConnectAsync(App, await SessionAsync());

    /// <summary>A browser of the shopper's, signed in through the sign-in form.</summary>
    public async Task<WebSession> SessionAsync()
    {
        var session = new WebSession(App);
        var signedIn = await session.SignInAsync(Email, People.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        return session;
    }

    private static async Task<Guid> MerchantAsync(Feed feed, string name, string mcc)
    {
        var body = Feed.Merchant();
        body["name"] = name;
        body["categoryCode"] = mcc;
        return await feed.CreateAsync("merchants", body);
    }

    private static async Task<ShopperOrder> OrderAsync(Feed feed, Guid customer, Guid merchant, string reference, string description, long price,
        string plan, DateTime placedAt)
    {
        var body = Feed.Order(customer, merchant, plan, price);
        body["externalId"] = reference;
        body["placedAt"] = placedAt;
        body["lines"]![0]!["description"] = description;
        if (plan == "financing")
        {
            body["financingMonths"] = 24;
            body["aprBasisPoints"] = 1_490;
        }

        return new ShopperOrder(await feed.CreateAsync("orders", body), reference, price + 4_900);
    }

    private static JsonObject Payment(Guid order, long amount) => new() { ["orderId"] = order, ["amount"] = amount, ["currency"] = "SEK" };

    private static async Task PostAsync(Feed feed, string path, JsonObject body)
    {
        var response = await feed.PostAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

internal sealed record ShopperOrder(Guid Id, string Reference, long TotalMinor);
