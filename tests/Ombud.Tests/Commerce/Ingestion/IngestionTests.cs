using System.Net;
using System.Text.Json;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Ingestion;

public sealed class IngestionTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_order_on_pay_in_4_is_stored_with_a_schedule_that_adds_up_to_its_total(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();

        var id = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: 100_001));
        var order = await feed.GetAsync($"orders/{id}");

        Assert.Equal(100_001 + 4_900, order.GetProperty("total").GetInt64());
        var instalments = order.GetProperty("plan").GetProperty("instalments").EnumerateArray().ToList();
        Assert.Equal(4, instalments.Count);
        Assert.Equal([26_226, 26_225, 26_225, 26_225], instalments.Select(i => i.GetProperty("amount").GetInt64()));
        Assert.Equal(["2026-11-23", "2026-12-07", "2026-12-21", "2027-01-04"], instalments.Select(i => i.GetProperty("dueDate").GetString()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Payments_pay_the_earliest_instalments_and_a_double_charge_becomes_credit(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant, plan: "payIn30Days", unitPrice: 45_100));

        await feed.CreateAsync("payments", new() { ["orderId"] = order, ["amount"] = 50_000, ["currency"] = "SEK" });
        var second = await feed.CreateAsync("payments", new() { ["orderId"] = order, ["amount"] = 50_000, ["currency"] = "SEK" });

        var payment = await feed.GetAsync($"payments/{second}");
        Assert.Equal(50_000, payment.GetProperty("overpaid").GetInt64());
        var balance = (await feed.GetAsync($"customers/{customer}")).GetProperty("balances")[0];
        Assert.Equal(("SEK", 0L, 50_000L), (balance.GetProperty("currency").GetString(), balance.GetProperty("outstanding").GetInt64(), balance.GetProperty("credit").GetInt64()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_refund_comes_off_the_last_instalments_and_what_was_paid_beyond_goes_back(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: 35_100)); // total 40 000: 4 × 10 000
        await feed.CreateAsync("payments", new() { ["orderId"] = order, ["amount"] = 10_000, ["currency"] = "SEK" });

        var refund = await feed.GetAsync($"refunds/{await feed.CreateAsync("refunds", new() { ["orderId"] = order, ["amount"] = 35_000, ["currency"] = "SEK", ["reason"] = "returned" })}");

        Assert.Equal(30_000, refund.GetProperty("reducedSchedule").GetInt64());
        Assert.Equal(5_000, refund.GetProperty("returnedToCustomer").GetInt64());
        var plan = (await feed.GetAsync($"orders/{order}")).GetProperty("plan");
        Assert.Equal(0, plan.GetProperty("outstanding").GetInt64());
        Assert.Equal(["paid", "cancelled", "cancelled", "cancelled"], plan.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Lists_page_through_every_order_once_by_cursor(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var created = new HashSet<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await feed.CreateAsync("orders", Feed.Order(customer, merchant)));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await feed.GetAsync($"orders?limit=3&customerId={customer}" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(7, seen.Count);
        Assert.True(created.SetEquals(seen));
    }

    [Fact]
    public async Task A_financing_plan_spreads_principal_and_flat_interest_over_its_months()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var body = Feed.Order(customer, merchant, plan: "financing", unitPrice: 1_195_100); // total 1 200 000
        body["financingMonths"] = 12;
        body["aprBasisPoints"] = 1_990;

        var plan = (await feed.GetAsync($"orders/{await feed.CreateAsync("orders", body)}")).GetProperty("plan");

        // 12 000.00 × 19.9 % × 1 year = 2 388.00 interest.
        Assert.Equal(1_200_000 + 238_800, plan.GetProperty("scheduledTotal").GetInt64());
        Assert.Equal(12, plan.GetProperty("instalments").GetArrayLength());
        Assert.Equal("2026-12-23", plan.GetProperty("instalments")[0].GetProperty("dueDate").GetString());
    }

    [Theory]
    [InlineData(1_200_000, 238_800, 0)]
    [InlineData(600_000, 119_400, 719_400)]
    public async Task Refunding_a_financed_order_takes_the_interest_on_the_refunded_part_with_it(long refund, long forgiven, long outstanding)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var body = Feed.Order(customer, merchant, plan: "financing", unitPrice: 1_195_100); // 12 000.00 at 19.9 % over a year: 2 388.00 interest
        body["financingMonths"] = 12;
        body["aprBasisPoints"] = 1_990;
        var order = await feed.CreateAsync("orders", body);

        var done = await feed.GetAsync($"refunds/{await feed.CreateAsync("refunds", new() { ["orderId"] = order, ["amount"] = refund, ["currency"] = "SEK" })}");

        Assert.Equal(forgiven, done.GetProperty("interestForgiven").GetInt64());
        Assert.Equal(refund + forgiven, done.GetProperty("reducedSchedule").GetInt64());
        Assert.Equal(outstanding, (await feed.GetAsync($"orders/{order}")).GetProperty("plan").GetProperty("outstanding").GetInt64());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Payments_racing_on_one_plan_are_all_counted(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant, unitPrice: 95_100)); // total 100 000

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            feed.PostAsync("payments", new System.Text.Json.Nodes.JsonObject { ["orderId"] = order, ["amount"] = 10_000, ["currency"] = "SEK" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var plan = (await feed.GetAsync($"orders/{order}")).GetProperty("plan");
        Assert.Equal(100_000, plan.GetProperty("paid").GetInt64());
        var credit = (await feed.GetAsync($"customers/{customer}")).GetProperty("balances")[0].GetProperty("credit").GetInt64();
        Assert.Equal(20_000, credit);
    }

    [Fact]
    public async Task Reusing_an_external_id_without_the_idempotency_key_is_a_conflict()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        await feed.CreateAsync("merchants", Feed.Merchant("m-1"));

        var again = await feed.PostAsync("merchants", Feed.Merchant("m-1"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, (await feed.GetAsync("merchants")).GetProperty("items").GetArrayLength());
    }
}
