using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Fraud;

/// <summary>Fraud specialists see the orders sent to review or declined, with the reasons, on their home page and the decisions page.</summary>
public sealed class RiskPagesTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_order_sent_to_review_shows_on_the_fraud_home_and_decisions_pages_with_its_reason(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = Feed.Order(customer, merchant);
        // An account opened today sends its first parcel to another city than it bills: a built-in review rule.
        order["shippingAddress"] = new JsonObject { ["line1"] = "Hamngatan 9", ["city"] = "Malmö", ["postalCode"] = "211 22", ["country"] = "SE" };
        await feed.CreateAsync("orders", order);
        await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(null, default);
        await People.CreateAsync(app, "fraud@provider.example", Roles.FraudSpecialist);

        using var browser = new WebSession(app);
        await browser.SignInAsync("fraud@provider.example", People.Password);
        var home = await browser.GetPageAsync("/fraud");
        var decisions = await browser.GetPageAsync("/fraud/decisions");

        foreach (var page in new[] { home, decisions })
        {
            Assert.Contains("Anna Svensson", page, StringComparison.Ordinal);
            Assert.Contains("data-risk-outcome=\"review\"", page, StringComparison.Ordinal);
            Assert.Contains("sends the parcel to another address than the billing address", page, StringComparison.Ordinal);
        }
    }
}
