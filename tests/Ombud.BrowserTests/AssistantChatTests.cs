using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Ombud.Tests.Support;

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

    static AssistantChatTests() =>
        // A turn runs the intent model and a few queries; on a shared 2-core machine under load that can take seconds.
        Assertions.SetDefaultExpectTimeout(30_000);

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

        // The return: the assistant pauses the plan at once and asks for the parcel's tracking, then registers it.
        var paused = await SayAsync(shopper, $"Please pause my payments, I'm returning the espresso machine from order {Reference}");
        Assert.Contains(Reference, paused, StringComparison.Ordinal);
        Assert.Contains("tracking number", paused, StringComparison.OrdinalIgnoreCase);
        var registered = await SayAsync(shopper, "It's going back with PostNord, tracking 00370712345678901");
        Assert.Contains("00370712345678901", registered, StringComparison.Ordinal);
        await Screenshot(shopper, "assistant-2-paused-for-return");

        // The order's own page shows the pause: three of four instalments (the first was paid at checkout).
        await shopper.GotoAsync($"/shopper/orders/{orderId}");
        await Expect(shopper.Locator("[data-plan-paused]")).ToContainTextAsync("Payments of 3,479.25 SEK are paused");
        await Expect(shopper.Locator("tr[data-paused='true']")).ToHaveCountAsync(3);
        Assert.Equal("347925", Assert.Single(await server.QueryAsync(
            "SELECT sum(i.HeldMinor) FROM commerce_payment_plans p JOIN commerce_instalments i ON i.PlanId = p.Id "
            + $"WHERE p.OrderId = '{orderId.ToUpperInvariant()}' AND p.HeldSince IS NOT NULL")));
        await Screenshot(shopper, "assistant-3-order-paused");

        // Back in the chat (the same conversation, read back), the button hands off in that turn, with an honest wait.
        await shopper.GotoAsync("/assistant");
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
            "SELECT lower(ConversationId) FROM assistant_handoffs WHERE Reason = 'Button'"));
        var agent = await SignInAsync("agent", "/agent");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Hand-off queue" }).ClickAsync();
        await agent.WaitForURLAsync("**/assistant/handoffs");
        var cell = agent.Locator($"td[data-handoff='{conversation}']");
        await Expect(cell).ToHaveTextAsync(position!);
        var row = agent.Locator("tr", new() { Has = cell });
        await Expect(row).ToContainTextAsync("Anna Svensson");
        await Expect(row).ToContainTextAsync("Button");
        await Expect(row).ToContainTextAsync(Reference);
        await Screenshot(agent, "assistant-5-handoff-queue");
    }

    private static ILocator Replies(IPage page) => page.Locator("[data-author='assistant']");

    /// <summary>Types a message as the shopper would, sends it, and returns the assistant's reply once it shows.</summary>
    private static async Task<string> SayAsync(IPage page, string text)
    {
        var before = await Replies(page).CountAsync();
        await page.Locator("#message").FillAsync(text);
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("[data-author='shopper']").Last).ToContainTextAsync(text);
        await Expect(Replies(page)).ToHaveCountAsync(before + 1);
        // Seen without scrolling: the newest reply is what the shopper is waiting for.
        await Expect(Replies(page).Last).ToBeInViewportAsync(new() { Ratio = 0.9f });
        return await Replies(page).Last.InnerTextAsync();
    }

    /// <summary>
    /// The demo shopper's history is random; the return needs one order of known shape. So the provider's system feeds
    /// one in over the ingestion API, as it would: an espresso machine, pay in 4 with the first quarter paid at checkout,
    /// shipped and delivered.
    /// </summary>
    private async Task<string> PlaceDeliveredOrderForTheDemoShopperAsync()
    {
        var customerId = Assert.Single(await server.QueryAsync("SELECT lower(CustomerId) FROM platform_users WHERE Email = 'shopper@demo.ombud.test'"));
        var merchantId = Assert.Single(await server.QueryAsync("SELECT lower(MerchantId) FROM platform_users WHERE Email = 'merchant@demo.ombud.test'"));
        var created = await OmbudProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Ombud__Database__Provider"] = "sqlite",
                ["Ombud__Database__ConnectionString"] = $"Data Source={server.DatabasePath}",
            },
            "apikey", "create", "--name", "browser-test-assistant", "--scope", "ingest");
        Assert.True(created.ExitCode == 0, created.StandardError);
        var key = created.StandardOutput.Trim().Split('\n')[^1].Trim();

        using var http = new HttpClient { BaseAddress = new Uri(server.Url + "/api/v1/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var address = new JsonObject { ["line1"] = "Storgatan 1", ["city"] = "Stockholm", ["postalCode"] = "111 22", ["country"] = "SE" };
        var order = await PostAsync(http, "orders", new JsonObject
        {
            ["externalId"] = Reference,
            ["customerId"] = customerId,
            ["merchantId"] = merchantId,
            ["currency"] = "SEK",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = "ESP-2", ["description"] = "Espresso machine", ["quantity"] = 1, ["unitPrice"] = 459_000 }),
            ["shippingFee"] = 4_900,
            ["billingAddress"] = address.DeepClone(),
            ["shippingAddress"] = address.DeepClone(),
            ["email"] = "anna.svensson@example.se",
            ["channel"] = "web",
            ["plan"] = "payIn4",
        });
        await PostAsync(http, "payments", new JsonObject { ["orderId"] = order, ["amount"] = 115_975, ["currency"] = "SEK" });
        await PostAsync(http, $"orders/{order}/shipment", new JsonObject { ["carrier"] = "DHL", ["trackingNumber"] = "DHL-BROWSER-7" });
        await PostAsync(http, $"orders/{order}/delivery", new JsonObject());
        return order;
    }

    private static async Task<string> PostAsync(HttpClient http, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)?["id"]?.GetValue<string>() ?? "";
    }

    private async Task<IPage> SignInAsync(string role, string home)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Url,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/signin");
        await page.Locator($"button[data-demo-role='{role}']").ClickAsync();
        await page.WaitForURLAsync($"**{home}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    private static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ArtifactsDirectory, $"{name}.png"), FullPage = true });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
