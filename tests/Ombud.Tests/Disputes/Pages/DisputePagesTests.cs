using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Disputes;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Disputes.Pages;

/// <summary>The dispute pages as a browser first receives them: each person sees their own dispute, and nobody else's.</summary>
public sealed class DisputePagesTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_shopper_sees_their_dispute_with_the_plan_paused_and_another_shoppers_dispute_is_not_found(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var world = await WebWorld.CreateAsync(app);
        var annas = await ReportAsync(app, world.AnnasOrder, world.Anna);
        var bos = await ReportAsync(app, world.BosOrder, world.Bo);
        await People.CreateAsync(app, "anna@shopper.example", Roles.Shopper, customerId: world.Anna);
        using var browser = new WebSession(app);
        await browser.SignInAsync("anna@shopper.example", People.Password);

        var page = await browser.GetPageAsync($"/shopper/disputes/{annas}");
        var list = await browser.GetPageAsync("/shopper/disputes");
        var others = await browser.GetAsync($"/shopper/disputes/{bos}");
        var othersOrder = await browser.GetAsync($"/shopper/orders/{world.BosOrder}");

        Assert.Contains("Your problem with Nordljud Elektronik", page, StringComparison.Ordinal);
        Assert.Contains("Payments of 1,348.00 SEK are paused", page, StringComparison.Ordinal);
        Assert.Equal(4, Count(page, "data-paused=\"true\""));
        Assert.Contains("Sorting it out with the store", page, StringComparison.Ordinal);
        Assert.Contains("You</strong> reported a problem", page, StringComparison.Ordinal);
        Assert.Contains($"data-dispute=\"{annas}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(bos.ToString(), list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.DoesNotContain("Kaffekompaniet", await others.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, othersOrder.StatusCode);
        Assert.DoesNotContain("Espresso machine", await othersOrder.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_opens_its_own_disputes_and_not_another_merchants()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var world = await WebWorld.CreateAsync(app);
        var annas = await ReportAsync(app, world.AnnasOrder, world.Anna, DisputeReason.UnauthorisedPurchase);
        var bos = await ReportAsync(app, world.BosOrder, world.Bo, DisputeReason.UnauthorisedPurchase);
        await People.CreateAsync(app, "staff@nordljud.example", Roles.Merchant, merchantId: world.Nordljud);
        using var browser = new WebSession(app);
        await browser.SignInAsync("staff@nordljud.example", People.Password);

        var list = await browser.GetPageAsync("/merchant/disputes");
        var page = await browser.GetPageAsync($"/merchant/disputes/{annas}");
        var others = await browser.GetAsync($"/merchant/disputes/{bos}");

        Assert.Contains($"data-dispute=\"{annas}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(bos.ToString(), list, StringComparison.Ordinal);
        Assert.Contains("I did not make this purchase", page, StringComparison.Ordinal);
        Assert.Contains("Answer with evidence", page, StringComparison.Ordinal);
        Assert.Contains("PN-000123", page, StringComparison.Ordinal); // the shipment's tracking, offered as evidence
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Shopper, false)]
    [InlineData(Roles.Merchant, false)]
    [InlineData(Roles.Analyst, false)]
    [InlineData(Roles.Agent, true)]
    [InlineData(Roles.Admin, true)]
    public async Task Only_agents_and_admins_open_the_review_queue(string role, bool allowed)
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await People.CreateAsync(app, "someone@provider.example", role);
        using var browser = new WebSession(app);
        await browser.SignInAsync("someone@provider.example", People.Password);

        var response = await browser.GetAsync("/disputes/review");

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Waiting for a decision (0)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/denied", WebSession.Location(response), StringComparison.Ordinal);
        }
    }

    private static async Task<Guid> ReportAsync(OmbudTestApp app, Guid order, Guid customer, DisputeReason reason = DisputeReason.GoodsOrServiceNotReceived)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<DisputeService>();
        var reported = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            ct => service.ReportAsync(new ProblemReport(order, reason, "The parcel never came"), $"customer:{customer}", ct), default);
        Assert.True(reported.Succeeded, reported.Error?.ToString());
        return reported.Value!.Id;
    }

    private static int Count(string html, string text)
    {
        var count = 0;
        for (var at = html.IndexOf(text, StringComparison.Ordinal); at >= 0; at = html.IndexOf(text, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
