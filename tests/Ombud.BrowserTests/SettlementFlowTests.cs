using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The store period is for settling, in a real browser: an empty and a half-filled report are refused with field
/// messages and file nothing; a complete one asks first; the store writes and refunds a part from its portal (asked
/// first); the shopper sees both, accepts and settles (asked first), and the payment pause is released.
/// </summary>
public sealed class SettlementFlowTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task The_store_messages_and_refunds_a_part_and_the_shopper_settles_and_the_pause_is_released()
    {
        string orderId;
        using (var checkout = await DemoCheckout.OpenAsync(server, "browser-test-settlement"))
        {
            orderId = await checkout.PlaceShippedOrderAsync(null, "LAMP-1", "Desk lamp", 129_900, "PostNord", "PN-SETTLE-1");
        }

        var shopper = await server.SignInAsync("shopper", "/shopper");
        await shopper.GotoAsync($"/shopper/orders/{orderId}");
        await DemoServer.WaitUntilLiveAsync(shopper);
        await Expect(shopper.Locator("[data-report-form]")).ToBeVisibleAsync();
        await Expect(shopper.Locator("button[data-report]")).ToBeEnabledAsync();

        // Nothing filled in: refused, each missing field says so, nothing is filed.
        await shopper.Locator("button[data-report]").ClickAsync();
        await Expect(shopper.Locator("[data-problem]")).ToContainTextAsync("nothing was reported");
        await Expect(shopper.Locator("[data-report-form]")).ToContainTextAsync("Choose what went wrong.");
        await Expect(shopper.Locator("[data-report-form]")).ToContainTextAsync("Tell us in a few words what happened.");
        await Expect(shopper.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await DemoServer.ScreenshotAsync(shopper, "settlement-1-empty-report-refused");

        // Half filled (words, no reason, an amount that is not one): still refused, nothing filed.
        await shopper.GetByLabel("What happened").FillAsync("The lamp arrived with a scratched base.");
        await shopper.GetByLabel("Amount in SEK (optional)").FillAsync("lots");
        await shopper.Locator("button[data-report]").ClickAsync();
        await Expect(shopper.Locator("[data-report-form]")).ToContainTextAsync("Choose what went wrong.");
        await Expect(shopper.Locator("[data-report-form]")).ToContainTextAsync("Write the amount as a number");
        await Expect(shopper.Locator("[data-report-form]")).Not.ToContainTextAsync("Tell us in a few words what happened.");
        Assert.Equal("0", Assert.Single(await server.QueryAsync($"SELECT count(*) FROM disputes_disputes WHERE OrderId = '{orderId.ToUpperInvariant()}'")));

        // Complete: a summary first, then filed.
        await shopper.GetByLabel("Amount in SEK (optional)").FillAsync("");
        await DemoServer.ChooseAsync(shopper, shopper.Locator("[data-reason]"), "Faulty or not as described");
        var summary = shopper.GetByRole(AriaRole.Dialog);
        // On a loaded machine the select's closing overlay can take the first click; a person would click again.
        await DemoServer.ClickUntilShownAsync(shopper.Locator("button[data-report]"), summary, 10_000);

        await Expect(summary).ToContainTextAsync("Faulty or not as described");
        await Expect(summary).ToContainTextAsync("You dispute 1,348.00 SEK");
        await DemoServer.ScreenshotAsync(shopper, "settlement-2-report-summary");
        await shopper.Locator("button[data-confirm-yes]").ClickAsync();
        await shopper.WaitForURLAsync(new Regex(@"/shopper/disputes/[0-9a-f-]{36}$"));
        var disputeId = shopper.Url[^36..];
        await Expect(shopper.Locator("[data-plan-paused]")).ToContainTextAsync("are paused");
        await shopper.Context.CloseAsync();

        // The store writes and refunds a part, asked first with what will happen.
        var merchant = await server.SignInAsync("merchant", "/merchant");
        await merchant.GotoAsync($"/merchant/disputes/{disputeId}");
        await DemoServer.WaitUntilLiveAsync(merchant);
        await Expect(merchant.Locator("[data-action='settle']")).ToBeVisibleAsync();
        await Expect(merchant.Locator("button[data-send-message]")).ToBeEnabledAsync();
        await merchant.GetByLabel("Message to the shopper").FillAsync("So sorry about the scratch. We refund 500 kronor; please keep the lamp.");
        await merchant.Locator("button[data-send-message]").ClickAsync();
        await Expect(merchant.Locator("[data-notice]")).ToContainTextAsync("Your message is sent");
        await merchant.GetByLabel("Refund now, in SEK").FillAsync("500");
        await merchant.Locator("button[data-refund-now]").ClickAsync();
        var refund = merchant.GetByRole(AriaRole.Dialog);
        await Expect(refund).ToContainTextAsync("Refund 500.00 SEK now?");
        await Expect(refund).ToContainTextAsync("cannot be taken back");
        await DemoServer.ScreenshotAsync(merchant, "settlement-3-refund-summary");
        await merchant.Locator("button[data-confirm-yes]").ClickAsync();
        await Expect(merchant.Locator("[data-notice]")).ToContainTextAsync("500.00 SEK is refunded");
        await Expect(merchant.Locator("[data-store-refunded]")).ToContainTextAsync("500.00 SEK");
        await merchant.Context.CloseAsync();

        // The shopper sees the message and the refund, accepts and settles.
        shopper = await server.SignInAsync("shopper", "/shopper");
        await shopper.GotoAsync($"/shopper/disputes/{disputeId}");
        await DemoServer.WaitUntilLiveAsync(shopper);
        var offer = shopper.Locator("[data-store-offer]");
        await Expect(offer).ToContainTextAsync("please keep the lamp");
        await Expect(offer.Locator("[data-store-refunded]")).ToContainTextAsync("500.00 SEK");
        await DemoServer.ScreenshotAsync(shopper, "settlement-4-store-offer");
        await Expect(shopper.Locator("button[data-accept-settle]")).ToBeEnabledAsync();
        await shopper.Locator("button[data-accept-settle]").ClickAsync();
        await Expect(shopper.GetByRole(AriaRole.Dialog)).ToContainTextAsync("has refunded you 500.00 SEK");
        await shopper.Locator("button[data-confirm-yes]").ClickAsync();
        await Expect(shopper.Locator("[data-status] [data-dispute-state]")).ToHaveTextAsync("Settled with the store");
        await Expect(shopper.Locator("[data-plan-paused]")).ToHaveCountAsync(0);
        await Expect(shopper.Locator("tr[data-paused='true']")).ToHaveCountAsync(0);
        await DemoServer.ScreenshotAsync(shopper, "settlement-5-settled");

        var id = disputeId.ToUpperInvariant();
        Assert.Equal("Closed SettledWithStore 50000 50000", Assert.Single(await server.QueryAsync(
            $"SELECT State || ' ' || Outcome || ' ' || RefundMinor || ' ' || StoreRefundedMinor FROM disputes_disputes WHERE Id = '{id}'")));
        Assert.Equal("1", Assert.Single(await server.QueryAsync(
            $"SELECT count(*) FROM commerce_payment_plans WHERE OrderId = '{orderId.ToUpperInvariant()}' AND HeldSince IS NULL")));
        Assert.Equal("50000", Assert.Single(await server.QueryAsync(
            $"SELECT sum(AmountMinor) FROM commerce_refunds WHERE OrderId = '{orderId.ToUpperInvariant()}'")));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
