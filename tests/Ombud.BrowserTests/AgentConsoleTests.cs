using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// A person answers, in two real browsers: the demo agent goes online in the console, the demo shopper (on a 390 px
/// phone) asks for a person, the offer counts down on the agent's screen, the agent accepts, both write and see each
/// other's messages and typing live, and the agent wraps up. Checked against the database at the end.
/// </summary>
public sealed class AgentConsoleTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task An_agent_goes_online_accepts_the_counting_down_offer_chats_live_with_a_shopper_on_a_phone_and_wraps_up()
    {
        var agent = await server.SignInAsync("agent", "/agent");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Agent console" }).ClickAsync();
        await agent.WaitForURLAsync("**/agent/console");
        await agent.Locator("#status-online").ClickAsync();
        await Expect(agent.Locator("#status-online")).ToHaveAttributeAsync("aria-pressed", "true");

        var shopper = await PhoneAsync();
        await shopper.GotoAsync("/assistant");
        await DemoServer.WaitUntilLiveAsync(shopper);
        await Expect(shopper.Locator("[data-author='assistant']").First).ToContainTextAsync("Anna");
        await shopper.Locator("#talk-to-a-person").ClickAsync();

        // The offer arrives without a reload and counts down.
        var offer = agent.Locator("[data-offer]");
        await Expect(offer).ToBeVisibleAsync();
        var first = int.Parse((await offer.Locator("[data-countdown]").GetAttributeAsync("data-countdown"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(offer.Locator("[data-countdown]")).Not.ToHaveAttributeAsync("data-countdown", first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await DemoServer.ScreenshotAsync(agent, "agent-console-1-offer");
        await offer.Locator(".offer-accept").ClickAsync();
        var chat = agent.Locator("[data-chat]");
        await Expect(chat).ToBeVisibleAsync();
        await Expect(chat.Locator("[data-customer-panel]")).ToContainTextAsync("Anna");

        // Typing and messages, both ways, live.
        await chat.Locator(".agent-reply input, .agent-reply textarea").First.FillAsync("Hi Anna, I'm Jonas. I can see your orders.");
        await Expect(shopper.Locator("[data-typing]")).ToBeVisibleAsync();
        await chat.Locator(".agent-send").ClickAsync();
        await Expect(shopper.Locator("[data-author='agent']").Last).ToContainTextAsync("I'm Jonas");
        await Expect(shopper.Locator("[data-author='agent']").Last).ToContainTextAsync("Jonas ·");
        await shopper.Locator("#message").FillAsync("Thanks! My espresso machine leaks.");
        await Expect(chat.Locator("[data-typing]")).ToBeVisibleAsync();
        await shopper.Locator("#send").ClickAsync();
        await Expect(chat.Locator("[data-author='shopper']").Last).ToContainTextAsync("espresso machine leaks");
        await DemoServer.ScreenshotAsync(shopper, "agent-console-2-shopper-390");
        await DemoServer.ScreenshotAsync(agent, "agent-console-3-chat");

        // The reply box stays in view on a desktop and on a phone, at the top of the page and scrolled to the conversation.
        await ReplyBoxInViewAsync(agent, 900, "agent-console-reply-box-desktop");
        await agent.SetViewportSizeAsync(390, 844);
        await ReplyBoxInViewAsync(agent, 844, "agent-console-reply-box-390");
        await agent.SetViewportSizeAsync(1400, 900);

        // Wrap-up asks first, then closes the conversation and frees the place.
        await chat.Locator(".agent-wrap-up").ClickAsync();
        await agent.Locator(".agent-wrap-up-confirm").ClickAsync();
        await Expect(agent.Locator("[data-no-chats]")).ToBeVisibleAsync();

        var conversation = Assert.Single(await server.QueryAsync("SELECT ConversationId FROM marketplace_queue WHERE Status = 'Finished'"));
        Assert.Equal("Answered", Assert.Single(await server.QueryAsync($"SELECT Resolution FROM marketplace_queue WHERE ConversationId = '{conversation}'")));
        Assert.Equal("Ended", Assert.Single(await server.QueryAsync($"SELECT State FROM conversations_conversations WHERE Id = '{conversation}'")));
        Assert.Equal("Jonas", Assert.Single(await server.QueryAsync(
            $"SELECT AuthorName FROM conversations_messages WHERE ConversationId = '{conversation}' AND Author = 'Agent'")));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task ReplyBoxInViewAsync(IPage agent, int height, string screenshot)
    {
        var transcriptTop = await agent.EvaluateAsync<int>("() => Math.round(document.querySelector('[data-chat] [role=log]').getBoundingClientRect().top + window.scrollY)");
        foreach (var scrollY in new[] { 0, transcriptTop })
        {
            await agent.EvaluateAsync($"() => window.scrollTo(0, {scrollY})");
            var box = await agent.Locator("[data-reply-box]").BoundingBoxAsync();
            Assert.True(box is not null && box.Y >= 0 && box.Y + box.Height <= height,
                $"The reply box is out of view at scroll {scrollY}: {box?.Y} + {box?.Height} in a {height} px window.");
        }

        await Expect(agent.GetByLabel("Reply to the customer")).ToBeVisibleAsync();
        await DemoServer.ScreenshotAsync(agent, screenshot);
    }

    /// <summary>The demo shopper on a phone-sized screen, signed in with the one-click demo account.</summary>
    private async Task<IPage> PhoneAsync()
    {
        var page = await server.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoServer.SignInAsync(page, "shopper", "/shopper");
        return page;
    }
}
