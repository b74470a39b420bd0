using Microsoft.Extensions.DependencyInjection;
using Ombud.Disputes;
using Ombud.Disputes.Pages;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes.Pages;

/// <summary>The lists the dispute pages work from: each side sees only its own, in the order it has to act.</summary>
public sealed class DisputeListsTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_sees_only_their_own_disputes_newest_first(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var shop = await Shop.OpenAsync(app);
        var nordljud = await shop.MerchantAsync("Nordljud Elektronik");
        var (anna, bo) = (await shop.CustomerAsync("Anna Svensson"), await shop.CustomerAsync("Bo Berg"));
        var older = await shop.ReportAsync(await shop.OrderAsync(anna, nordljud), DisputeReason.GoodsOrServiceNotReceived);
        await shop.ReportAsync(await shop.OrderAsync(bo, nordljud), DisputeReason.GoodsOrServiceNotReceived);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var newer = await shop.ReportAsync(await shop.OrderAsync(anna, nordljud), DisputeReason.IncorrectAmount);

        var rows = await shop.ListAsync(lists => lists.ForShopperAsync(Shopper(anna), default));

        Assert.Equal([newer, older], rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal("Nordljud Elektronik", r.OtherSide));
        Assert.Equal(DisputeState.Reported, rows[0].State);
        Assert.Equal(rows[0].StoreResolutionDeadline, rows[0].NextDeadline);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_merchant_sees_only_its_own_disputes_open_ones_first_by_the_soonest_deadline(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var shop = await Shop.OpenAsync(app);
        var (nordljud, kaffe) = (await shop.MerchantAsync("Nordljud Elektronik"), await shop.MerchantAsync("Kaffekompaniet"));
        var anna = await shop.CustomerAsync("Anna Svensson");
        var withdrawn = await shop.ReportAsync(await shop.OrderAsync(anna, nordljud), DisputeReason.Other);
        await shop.DoAsync(s => s.WithdrawAsync(withdrawn, null, "customer:anna", default));
        // Reported first but due in 21 days (the store period); the unauthorised one goes straight to the merchant, due in 7.
        var reported = await shop.ReportAsync(await shop.OrderAsync(anna, nordljud), DisputeReason.GoodsOrServiceNotReceived);
        var unauthorised = await shop.ReportAsync(await shop.OrderAsync(anna, nordljud), DisputeReason.UnauthorisedPurchase);
        await shop.ReportAsync(await shop.OrderAsync(anna, kaffe), DisputeReason.UnauthorisedPurchase);

        var rows = await shop.ListAsync(lists => lists.ForMerchantAsync(new DisputeViewer(DisputeAudience.Merchant, nordljud, $"merchant:{nordljud}"), default));

        Assert.Equal([unauthorised, reported, withdrawn], rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal("Anna Svensson", r.OtherSide));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(7), rows[0].NextDeadline);
        Assert.False(rows[0].IsOverdue(app.Clock.GetUtcNow().UtcDateTime));
        Assert.True(rows[0].IsOverdue(app.Clock.GetUtcNow().UtcDateTime.AddDays(8)));
        Assert.Null(rows[2].NextDeadline);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Staff_review_disputes_awaiting_a_decision_oldest_final_response_deadline_first(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var shop = await Shop.OpenAsync(app);
        var nordljud = await shop.MerchantAsync("Nordljud Elektronik");
        // Reported first, but in the US: Regulation Z's two billing cycles give 60 days. The Swede reported a day later
        // runs on the EU's 35 business days (49 calendar days), so hers is due first.
        var american = await shop.ReportAsync(await shop.OrderAsync(await shop.CustomerAsync("Ava Brooks", "US"), nordljud), DisputeReason.UnauthorisedPurchase);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var swede = await shop.ReportAsync(await shop.OrderAsync(await shop.CustomerAsync("Anna Svensson"), nordljud), DisputeReason.UnauthorisedPurchase);
        var unanswered = await shop.ReportAsync(await shop.OrderAsync(await shop.CustomerAsync("Bo Berg"), nordljud), DisputeReason.UnauthorisedPurchase);
        foreach (var answered in new[] { american, swede })
        {
            await shop.DoAsync(s => s.SubmitEvidenceAsync(answered, new MerchantEvidence("Signed for at the door"), $"merchant:{nordljud}", default));
        }

        var waiting = await shop.ListAsync(lists => lists.AwaitingDecisionAsync(default));
        var dueNow = await shop.ListAsync(lists => lists.DueAsync(app.Clock.GetUtcNow().UtcDateTime, default));
        var dueIn8Days = await shop.ListAsync(lists => lists.DueAsync(app.Clock.GetUtcNow().UtcDateTime.AddDays(8), default));

        Assert.Equal([swede, american], waiting.Select(r => r.Id));
        Assert.True(waiting[0].FinalResponseBy < waiting[1].FinalResponseBy);
        Assert.Empty(dueNow);
        Assert.Equal([unanswered], dueIn8Days.Select(r => r.Id));
    }

    private static DisputeViewer Shopper(Guid customer) => new(DisputeAudience.Shopper, customer, $"customer:{customer}");

    /// <summary>Customers, merchants and orders fed in over the ingestion API; disputes through the product's own service.</summary>
    private sealed class Shop(OmbudTestApp app, Feed feed)
    {
        public static async Task<Shop> OpenAsync(OmbudTestApp app) => new(app, new Feed(await app.ClientWithKeyAsync(Scopes.Ingest)));

        public Task<Guid> MerchantAsync(string name)
        {
            var body = Feed.Merchant();
            body["name"] = name;
            return feed.CreateAsync("merchants", body);
        }

        public Task<Guid> CustomerAsync(string name, string market = "SE")
        {
            var body = Feed.Customer();
            (body["name"], body["market"]) = (name, market);
            return feed.CreateAsync("customers", body);
        }

        public Task<Guid> OrderAsync(Guid customer, Guid merchant) => feed.CreateAsync("orders", Feed.Order(customer, merchant));

        public async Task<Guid> ReportAsync(Guid order, DisputeReason reason) =>
            (await DoAsync(s => s.ReportAsync(new ProblemReport(order, reason, "It went wrong"), "customer:test", default))).Id;

        public async Task<Dispute> DoAsync(Func<DisputeService, Task<Outcome<Dispute>>> useCase)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<DisputeService>();
            var outcome = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ => useCase(service), default);
            Assert.True(outcome.Succeeded, outcome.Error?.ToString());
            return outcome.Value!;
        }

        public async Task<IReadOnlyList<DisputeRow>> ListAsync(Func<DisputeLists, Task<IReadOnlyList<DisputeRow>>> list)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await list(new DisputeLists(scope.ServiceProvider.GetRequiredService<OmbudDb>()));
        }
    }
}
