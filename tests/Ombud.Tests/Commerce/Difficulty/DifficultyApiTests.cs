using System.Net;
using System.Net.Http.Json;
using Ombud.Platform.Auth;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.Difficulty;

/// <summary>The payment-difficulty API as a shopper (cookie, own plans only) and staff (admin keys, two people) call it.</summary>
public sealed class DifficultyApiTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_sees_their_options_with_costs_and_takes_one_with_a_yes_to_the_cost(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: DifficultyDesk.Rules);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var plan = (await parties.Desk.PlanAsync(shop.Order)).Id;

        var options = await DisputeParties.OkAsync(await shop.Shopper.GetAsync($"/api/v1/me/plans/{plan}/options"));
        var extend = options.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "extendDueDate");
        var replan = options.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "replan");
        var noYes = await shop.Shopper.PostAsJsonAsync($"/api/v1/me/plans/{plan}/adjustments", new { kind = "extendDueDate" });
        var taken = await DisputeParties.CreatedAsync(await shop.Shopper.PostAsJsonAsync($"/api/v1/me/plans/{plan}/adjustments",
            new { kind = "extendDueDate", acceptedCost = DifficultyDesk.Fee }));

        Assert.Equal(("selfService", DifficultyDesk.Fee), (extend.GetProperty("standing").GetString(), extend.GetProperty("cost").GetInt64()));
        Assert.Contains("29.00 SEK", extend.GetProperty("whatChanges").GetString());
        Assert.Equal("because you have paid your last payment on time", replan.GetProperty("why").GetString());
        Assert.Contains("Kronofogden", options.GetProperty("debtAdvice").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Contains("yes to the cost", DisputeParties.FieldError(await DisputeParties.ProblemAsync(noYes, HttpStatusCode.BadRequest), "acceptedCost"));
        Assert.Equal(("applied", DifficultyDesk.Fee), (taken.GetProperty("status").GetString(), taken.GetProperty("fee").GetInt64()));
        Assert.Equal(1, (await parties.Desk.PlanAsync(shop.Order)).ExtensionsTaken);
        await PlanBooks.AssertReconciledAsync(app, shop.Order);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Another_shoppers_plan_is_not_found_and_staff_routes_are_closed_to_shoppers(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: DifficultyDesk.Rules);
        var parties = await DisputeParties.OpenAsync(app);
        var mine = await parties.ShopAsync();
        var theirs = await parties.ShopAsync();
        var theirPlan = (await parties.Desk.PlanAsync(theirs.Order)).Id;

        var options = await mine.Shopper.GetAsync($"/api/v1/me/plans/{theirPlan}/options");
        var take = await mine.Shopper.PostAsJsonAsync($"/api/v1/me/plans/{theirPlan}/adjustments", new { kind = "breathingSpace", acceptedCost = 0 });
        var staffRoute = await mine.Shopper.PostAsJsonAsync($"/api/v1/staff/plans/{theirPlan}/adjustments", new { kind = "writeOff", amount = 100, note = "x" });
        var anonymous = await app.Client().GetAsync($"/api/v1/me/plans/{theirPlan}/options");
        var key = await (await app.ClientWithKeyAsync(Scopes.Admin)).GetAsync($"/api/v1/me/plans/{theirPlan}/options");

        await DisputeParties.ProblemAsync(options, HttpStatusCode.NotFound);
        await DisputeParties.ProblemAsync(take, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, staffRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);
        Assert.Equal(0, (await parties.Desk.PlanAsync(theirs.Order)).ExtensionsTaken);
        Assert.Null((await parties.Desk.PlanAsync(theirs.Order)).BreathingSpaceUntil);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_large_write_off_over_the_api_needs_a_second_staff_member(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: DifficultyDesk.Rules);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var plan = (await parties.Desk.PlanAsync(shop.Order)).Id;
        var maker = parties.StaffApi;
        var checker = await app.ClientWithKeyAsync(Scopes.Admin);

        var asked = await DisputeParties.CreatedAsync(await maker.PostAsJsonAsync($"/api/v1/staff/plans/{plan}/adjustments",
            new { kind = "writeOff", amount = 15_000, note = "Bereavement, agreed on the phone" }));
        var id = asked.GetProperty("adjustment").GetProperty("id").GetGuid();
        var waiting = await DisputeParties.OkAsync(await checker.GetAsync("/api/v1/staff/adjustments/awaiting-approval"));
        var self = await maker.PostAsJsonAsync($"/api/v1/staff/adjustments/{id}/approval", new { });
        var outstandingWhileWaiting = (await parties.Desk.PlanAsync(shop.Order)).Outstanding.Minor;
        var approved = await DisputeParties.OkAsync(await checker.PostAsJsonAsync($"/api/v1/staff/adjustments/{id}/approval", new { }));
        var history = await DisputeParties.OkAsync(await checker.GetAsync($"/api/v1/staff/customers/{shop.Customer}/adjustments"));

        Assert.Equal("awaitingApproval", asked.GetProperty("adjustment").GetProperty("status").GetString());
        Assert.Equal(id, Assert.Single(waiting.EnumerateArray()).GetProperty("adjustment").GetProperty("id").GetGuid());
        await DisputeParties.ProblemAsync(self, HttpStatusCode.Forbidden);
        Assert.Equal(30_000, outstandingWhileWaiting);
        Assert.Equal("applied", approved.GetProperty("adjustment").GetProperty("status").GetString());
        Assert.NotEqual(approved.GetProperty("requestedBy").GetString(), approved.GetProperty("decidedBy").GetString());
        Assert.Equal(15_000, (await parties.Desk.PlanAsync(shop.Order)).Outstanding.Minor);
        Assert.Single(history.EnumerateArray());
        await PlanBooks.AssertReconciledAsync(app, shop.Order);
    }
}
