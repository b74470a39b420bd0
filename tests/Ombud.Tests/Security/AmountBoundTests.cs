using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Security;

/// <summary>
/// Finding 4: every amount has an upper bound (8 digits in the major unit), so amounts in range never break a read:
/// not the customer's balance, not the analyst's or the merchant's page, not a financing plan's interest.
/// </summary>
public sealed class AmountBoundTests
{
    private static readonly long MaxSek = Money.MaxMinor("SEK");

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Amounts_past_the_bound_are_refused_and_the_largest_allowed_ones_break_no_read(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();

        var hugeShipping = Feed.Order(customer, merchant);
        hugeShipping["shippingFee"] = long.MaxValue;
        await RefusedNamingAsync(feed, "orders", hugeShipping, "shippingFee");
        var overTheTop = Feed.Order(customer, merchant, unitPrice: MaxSek);
        await RefusedNamingAsync(feed, "orders", overTheTop, "lines");

        var orders = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var largest = Feed.Order(customer, merchant, plan: "financing", unitPrice: MaxSek - 4_900);
            largest["financingMonths"] = 60;
            largest["aprBasisPoints"] = 5_000;
            orders.Add(await feed.CreateAsync("orders", largest));
        }

        await RefusedNamingAsync(feed, "payments", new() { ["orderId"] = orders[0], ["amount"] = long.MaxValue, ["currency"] = "SEK" }, "amount");
        await RefusedNamingAsync(feed, "payments", new() { ["orderId"] = orders[0], ["amount"] = MaxSek + 1, ["currency"] = "SEK" }, "amount");
        for (var i = 0; i < 3; i++)
        {
            await feed.CreateAsync("payments", new() { ["orderId"] = orders[i % 2], ["amount"] = MaxSek, ["currency"] = "SEK" });
        }

        var balance = await feed.GetAsync($"customers/{customer}");
        Assert.Equal(JsonValueKind.Array, balance.GetProperty("balances").ValueKind);

        await People.CreateAsync(app, "ana@provider.example", Roles.Analyst);
        await People.CreateAsync(app, "mia@merchant.example", Roles.Merchant, merchantId: merchant);
        using var analyst = new WebSession(app);
        await analyst.SignInAsync("ana@provider.example", People.Password);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/analyst")).StatusCode);
        using var merchantStaff = new WebSession(app);
        await merchantStaff.SignInAsync("mia@merchant.example", People.Password);
        Assert.Equal(HttpStatusCode.OK, (await merchantStaff.GetAsync("/merchant")).StatusCode);
    }

    private static async Task RefusedNamingAsync(Feed feed, string resource, System.Text.Json.Nodes.JsonObject body, string field)
    {
        var response = await feed.PostAsync(resource, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"'{field}' not named in {problem}");
    }
}
