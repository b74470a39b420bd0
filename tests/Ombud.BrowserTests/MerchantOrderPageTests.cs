using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// The merchant's order page in a real browser: the demo merchant opens a disputed order from its list of orders (a
/// row click, and the reference is a real link), sees the shopper's paused plan and the dispute, goes to the dispute
/// and back, and the page fits a 390 px phone.
/// </summary>
public sealed class MerchantOrderPageTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string OrderReference = "ORD-MERCHANT-PAGE-1";

    [Fact]
    public async Task The_demo_merchant_opens_an_order_from_the_list_and_sees_its_plan_and_its_dispute()
    {
        string orderId;
        using (var checkout = await DemoCheckout.OpenAsync(server, "browser-test-merchant-order"))
        {
            orderId = await checkout.PlaceShippedOrderAsync(OrderReference, "CHAIR-2", "Office chair", 249_900, "PostNord", "PN-ORDER-PAGE-1");
        }

        var disputeId = await DemoCheckout.ReportAsync(server, orderId, "defectiveOrNotAsDescribed", "One armrest is broken.");

        var merchant = await server.SignInAsync("merchant", "/merchant");
        var link = merchant.Locator($"[data-merchant-orders] a[data-order-link='{orderId}']");
        await Expect(link).ToHaveAttributeAsync("href", $"/merchant/orders/{orderId}");
        await Expect(link).ToContainTextAsync(OrderReference);

        // A click anywhere on the row opens the order, not only on its link.
        var row = merchant.Locator("[data-merchant-orders] tr").Filter(new() { Has = merchant.Locator($"a[data-order-link='{orderId}']") });
        await DemoServer.ClickUntilShownAsync(row.GetByText("Office chair"), merchant.Locator("[data-order-plan]"), 10_000);
        Assert.EndsWith($"/merchant/orders/{orderId}", merchant.Url, StringComparison.Ordinal);

        await Expect(merchant.Locator("h1")).ToContainTextAsync(OrderReference);
        await Expect(merchant.Locator("[data-order-lines]")).ToContainTextAsync("Office chair");
        await Expect(merchant.Locator("[data-order-tracking]")).ToContainTextAsync("PN-ORDER-PAGE-1");
        await Expect(merchant.Locator("[data-order-plan]")).ToContainTextAsync("Pay in 4");
        await Expect(merchant.Locator("[data-order-plan] tr[data-instalment]")).ToHaveCountAsync(4);
        await Expect(merchant.Locator("[data-order-plan] tr[data-paused='true']")).ToHaveCountAsync(3);
        await Expect(merchant.Locator("[data-plan-paused]")).ToContainTextAsync("is paused");
        var dispute = merchant.Locator($"[data-order-dispute='{disputeId}'] a");
        await Expect(dispute).ToContainTextAsync("Faulty or not as described");
        await DemoServer.ScreenshotAsync(merchant, "merchant-order-page");

        // The dispute is one click away, and its page leads back to the order.
        await dispute.ClickAsync();
        await merchant.WaitForURLAsync($"**/merchant/disputes/{disputeId}");
        await merchant.Locator("[data-status] a[data-order-link]").ClickAsync();
        await merchant.WaitForURLAsync($"**/merchant/orders/{orderId}");

        // On a phone the page fits the screen's width.
        await merchant.SetViewportSizeAsync(390, 844);
        await merchant.ReloadAsync();
        await Expect(merchant.Locator("[data-order-plan]")).ToContainTextAsync("Pay in 4");
        var width = await merchant.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The order page is {width} px wide in a 390 px window.");
        await DemoServer.ScreenshotAsync(merchant, "merchant-order-page-390");
        await merchant.Context.CloseAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
