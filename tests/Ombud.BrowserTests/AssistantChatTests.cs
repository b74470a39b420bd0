using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Ombud.BrowserTests.ShopperChat;

namespace Ombud.BrowserTests;

/// <summary>
/// The assistant in a real browser: the demo shopper asks for their next payment and gets it from their own plans,
/// pauses the payments on an order they are sending back, sees the pause on the order's page, then presses "Talk to a
/// person" and is told plainly that they are in a queue with no promised wait; an agent finds them in that queue.
/// A screenshot at each step.
/// </summary>
public sealed class AssistantChatTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string Reference = "KK-BROWSER-7";

    private const string SwedishReturn = "KK-8808-SV";

    private const string SwedishReference = "NL-9909-SV";

    [Fact]
    public async Task A_shopper_chats_pauses_a_payment_for_a_return_then_asks_for_a_person_and_is_told_where_they_stand()
    {
        var orderId = await PlaceDeliveredOrderForTheDemoShopperAsync();

        var shopper = await SignInAsync("shopper", "/shopper");
        await shopper.GetByRole(AriaRole.Link, new() { Name = "Assistant", Exact = true }).ClickAsync();
        await shopper.WaitForURLAsync("**/assistant");
        await Expect(Replies(shopper).First).ToContainTextAsync("Anna");
        await Expect(shopper.Locator("#talk-to-a-person")).ToBeVisibleAsync();

        // An answer from the shopper's own plans: an amount, a due date and the store it is owed to.
        var next = await SayAsync(shopper, "When is my next payment due?");
        Assert.Matches(@"\d[\d,]*\.\d\d SEK", next);
        Assert.Matches(@"\d{4}-\d{2}-\d{2}", next);
        await Screenshot(shopper, "assistant-1-next-payment");

        // The return: the assistant says what it would pause and asks; on a yes it pauses the plan and asks for the
        // parcel's tracking, then registers it.
        var offered = await SayAsync(shopper, $"Please pause my payments, I'm returning the espresso machine from order {Reference}");
        Assert.Contains(Reference, offered, StringComparison.Ordinal);
        Assert.Contains("Reply yes", offered, StringComparison.Ordinal);
        var paused = await SayAsync(shopper, "yes");
        Assert.Contains("tracking number", paused, StringComparison.OrdinalIgnoreCase);
        var registered = await SayAsync(shopper, "It's going back with PostNord, tracking 00370712345678901");
        Assert.Contains("00370712345678901", registered, StringComparison.Ordinal);
        await Screenshot(shopper, "assistant-2-paused-for-return");

        // The order's own page shows the pause: three of four instalments (the first was paid at checkout).
        await shopper.GotoAsync($"/shopper/orders/{orderId}");
        await DemoServer.WaitUntilLiveAsync(shopper);
        await Expect(shopper.Locator("[data-plan-paused]")).ToContainTextAsync("Payments of SEK 3,479.25 are paused");
        await Expect(shopper.Locator("tr[data-paused='true']")).ToHaveCountAsync(3);
        Assert.Equal("347925", Assert.Single(await server.QueryAsync(
            "SELECT sum(i.HeldMinor) FROM commerce_payment_plans p JOIN commerce_instalments i ON i.PlanId = p.Id "
            + $"WHERE p.OrderId = '{orderId.ToUpperInvariant()}' AND p.HeldSince IS NOT NULL")));
        await Screenshot(shopper, "assistant-3-order-paused");

        // Back in the chat (the same conversation, read back), the button hands off in that turn, with an honest wait.
        await shopper.GotoAsync("/assistant");
        await DemoServer.WaitUntilLiveAsync(shopper);
        await Expect(Replies(shopper).Last).ToContainTextAsync("00370712345678901");
        var before = await Replies(shopper).CountAsync();
        await shopper.Locator("#talk-to-a-person").ClickAsync();
        await Expect(Replies(shopper)).ToHaveCountAsync(before + 1);
        await Expect(Replies(shopper).Last).ToBeInViewportAsync(new() { Ratio = 0.9f });
        var handedOff = await Replies(shopper).Last.InnerTextAsync();
        Assert.Contains("queue for a person", handedOff, StringComparison.Ordinal);
        Assert.Contains("no guaranteed waiting time", handedOff, StringComparison.Ordinal);
        await Expect(shopper.Locator("[data-queue-position]")).ToContainTextAsync("in the queue for a person");
        var position = await shopper.Locator("[data-queue-position]").GetAttributeAsync("data-queue-position");
        Assert.Contains($"number {position} in the queue", handedOff, StringComparison.Ordinal);
        await Screenshot(shopper, "assistant-4-handed-off");
        await shopper.Context.CloseAsync();

        // An agent sees the conversation waiting, at the position the shopper was told, with what it is about.
        var conversation = Assert.Single(await server.QueryAsync(
            "SELECT lower(ConversationId) FROM conversations_handoffs WHERE Reason = 'Button'"));
        var agent = await SignInAsync("agent", "/agent");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Hand-off queue" }).ClickAsync();
        await agent.WaitForURLAsync("**/assistant/handoffs");
        var cell = agent.Locator($"td[data-handoff='{conversation}']");
        await Expect(cell).ToHaveTextAsync(position!);
        var row = agent.Locator("tr", new() { Has = cell });
        await Expect(row).ToContainTextAsync("Anna Svensson");
        await Expect(row).ToContainTextAsync("Button");
        // The shopper's last messages: the "yes" to the pause and the return's tracking number.
        await Expect(row).ToContainTextAsync("00370712345678901");
        await Screenshot(agent, "assistant-5-handoff-queue");
    }

    [Fact]
    public async Task A_shopper_chats_in_Swedish_sees_Swedish_amounts_and_dates_confirms_one_pause_and_declines_another()
    {
        using (var checkout = await DemoCheckout.OpenAsync(server, "browser-test-assistant-sv"))
        {
            var espresso = await checkout.PlaceShippedOrderAsync(SwedishReturn, "ESP-3", "Espressomaskin", 459_000, "DHL", "DHL-BROWSER-8");
            await checkout.PostAsync($"orders/{espresso}/delivery", new JsonObject());
            await checkout.PlaceShippedOrderAsync(SwedishReference, "HP-9", "Hörlurar", 129_900, "PostNord", "PN-BROWSER-9");
        }

        var shopper = await server.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
        });
        await DemoServer.SignInAsync(shopper, "shopper", "/shopper");
        await shopper.GotoAsync("/assistant");
        await DemoServer.WaitUntilLiveAsync(shopper);
        await shopper.Locator("#new-conversation").ClickAsync();
        await Expect(Replies(shopper).Last).ToContainTextAsync("Hej Anna");

        // Amounts and dates the Swedish way: "1 299,00 kr", "26 november 2026", never "1,299.00 SEK" or "2026-11-26".
        var next = await SayAsync(shopper, "När är min nästa betalning?");
        Assert.Matches(@"\d,\d\d\skr", next);
        Assert.Matches(@"\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}", next);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", next);
        Assert.DoesNotContain(" SEK", next, StringComparison.Ordinal);

        // The pause for a return: offered with the order and the amount, done only on "ja".
        var offered = await SayAsync(shopper, $"Jag har returnerat espressomaskinen, beställning {SwedishReturn}");
        Assert.Contains(SwedishReturn, offered, StringComparison.Ordinal);
        Assert.Contains("Svara ja", offered, StringComparison.Ordinal);
        var paused = await SayAsync(shopper, "ja");
        Assert.Contains("Jag har pausat betalningar på", paused, StringComparison.Ordinal);
        Assert.Matches(@"\d,\d\d\skr", paused);
        await Screenshot(shopper, "assistant-sv-1-paused");

        // Another offer, declined: nothing changes and the assistant says so.
        var reported = await SayAsync(shopper, $"Min beställning {SwedishReference} har aldrig kommit");
        Assert.Contains(SwedishReference, reported, StringComparison.Ordinal);
        Assert.Contains("Svara ja", reported, StringComparison.Ordinal);
        var declined = await SayAsync(shopper, "nej");
        Assert.Contains("har inte ändrat något", declined, StringComparison.Ordinal);
        await Screenshot(shopper, "assistant-sv-2-declined");
        Assert.Equal("0", Assert.Single(await server.QueryAsync(
            "SELECT count(*) FROM disputes_disputes d JOIN commerce_orders o ON o.Id = d.OrderId WHERE o.ExternalId = '" + SwedishReference + "'")));
    }


    /// <summary>The return needs one order of known shape: an espresso machine, shipped and delivered.</summary>
    private async Task<string> PlaceDeliveredOrderForTheDemoShopperAsync()
    {
        using var checkout = await DemoCheckout.OpenAsync(server, "browser-test-assistant");
        var order = await checkout.PlaceShippedOrderAsync(Reference, "ESP-2", "Espresso machine", 459_000, "DHL", "DHL-BROWSER-7");
        await checkout.PostAsync($"orders/{order}/delivery", new JsonObject());
        return order;
    }

    private Task<IPage> SignInAsync(string role, string home) => server.SignInAsync(role, home);

    private static Task Screenshot(IPage page, string name) => DemoServer.ScreenshotAsync(page, name);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
