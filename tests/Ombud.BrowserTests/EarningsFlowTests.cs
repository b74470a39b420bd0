using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// Wrap-up to pay, in two real browsers: the demo agent takes the demo shopper's conversation (the shopper on a 390 px
/// phone), wraps it up; the survey appears under the ended conversation and is still there after a reload; the shopper
/// answers it with five stars, and their next message starts a new conversation; the agent's earnings page then shows
/// the conversation's pay and the five-star bonus.
/// </summary>
public sealed class EarningsFlowTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task An_agent_wraps_up_the_shopper_gives_five_stars_and_the_agents_earnings_page_shows_the_pay_and_the_bonus()
    {
        var agent = await server.SignInAsync("agent", "/agent");
        await agent.GotoAsync("/agent/console");
        await DemoServer.WaitUntilLiveAsync(agent);
        await agent.Locator("#status-online").ClickAsync();
        await Expect(agent.Locator("#status-online")).ToHaveAttributeAsync("aria-pressed", "true");

        var shopper = await server.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await DemoServer.SignInAsync(shopper, "shopper", "/shopper");
        await shopper.GotoAsync("/assistant");
        await DemoServer.WaitUntilLiveAsync(shopper);
        await Expect(shopper.Locator("[data-author='assistant']").First).ToContainTextAsync("Anna");
        await shopper.Locator("#talk-to-a-person").ClickAsync();

        var offer = agent.Locator("[data-offer]");
        await Expect(offer).ToBeVisibleAsync();
        await offer.Locator(".offer-accept").ClickAsync();
        var chat = agent.Locator("[data-chat]");
        await Expect(chat).ToBeVisibleAsync();
        await chat.Locator(".agent-reply input, .agent-reply textarea").First.FillAsync("Hi Anna, I'm Jonas. Your refund is on its way.");
        await chat.Locator(".agent-send").ClickAsync();
        await Expect(shopper.Locator("[data-author='agent']").Last).ToContainTextAsync("refund is on its way");
        await chat.Locator(".agent-wrap-up").ClickAsync();
        await agent.Locator(".agent-wrap-up-confirm").ClickAsync();
        await Expect(agent.Locator("[data-no-chats]")).ToBeVisibleAsync();

        // The survey appears under the ended conversation, on the phone; a reload keeps the conversation and its survey; one answer.
        var survey = shopper.Locator("[data-csat]");
        await Expect(survey).ToBeVisibleAsync();
        await shopper.ReloadAsync();
        await DemoServer.WaitUntilLiveAsync(shopper);
        await Expect(shopper.Locator("[data-conversation-ended]")).ToBeVisibleAsync();
        await Expect(shopper.Locator("[data-author='agent']").Last).ToContainTextAsync("refund is on its way");
        await Expect(survey).ToContainTextAsync("How did it go with Jonas?");
        await survey.GetByLabel("5 stars").CheckAsync();
        await shopper.Locator("#csat-comment").FillAsync("Quick and kind.");
        await shopper.Locator("#csat-send").ClickAsync();
        await Expect(shopper.Locator("[data-csat-thanks]")).ToHaveAttributeAsync("data-csat-thanks", "5");
        Assert.True(await shopper.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll at 390 px");
        await DemoServer.ScreenshotAsync(shopper, "earnings-1-survey-390");

        // Writing under the ended conversation starts the next one: the assistant greets and answers there.
        await shopper.Locator("#message").FillAsync("What is my balance?");
        await shopper.Locator("#send").ClickAsync();
        await Expect(shopper.Locator("[data-conversation-ended]")).ToHaveCountAsync(0);
        await Expect(shopper.Locator("[data-author='agent']")).ToHaveCountAsync(0);
        await Expect(shopper.Locator("[data-author='shopper']").Last).ToContainTextAsync("What is my balance?");
        await Expect(shopper.Locator("[data-author='assistant']")).ToHaveCountAsync(2);
        await Expect(shopper.Locator("[data-author='assistant']").First).ToContainTextAsync("Anna");

        var conversation = Assert.Single(await server.QueryAsync("SELECT ConversationId FROM marketplace_queue WHERE Status = 'Finished' AND Resolution IS NOT NULL"));
        await PaidAsync(conversation);
        await agent.GetByRole(AriaRole.Link, new() { Name = "My earnings" }).First.ClickAsync();
        await agent.WaitForURLAsync("**/agent/earnings");
        var entries = agent.Locator("[data-earnings]");
        await Expect(entries.Locator("[data-kind='Conversation']").First).ToBeVisibleAsync();
        await Expect(entries.Locator("[data-kind='CsatBonus']").First).ToContainTextAsync("Five-star bonus");
        await DemoServer.ScreenshotAsync(agent, "earnings-2-agent-page");
        Assert.Equal("5", Assert.Single(await server.QueryAsync($"SELECT Score FROM marketplace_csat WHERE ConversationId = '{conversation}'")));
        var customer = Assert.Single(await server.QueryAsync($"SELECT CustomerId FROM conversations_conversations WHERE Id = '{conversation}'"));
        var states = await server.QueryAsync($"SELECT State FROM conversations_conversations WHERE CustomerId = '{customer}' ORDER BY StartedAt");
        Assert.Equal(["Ended", "Open"], states);
    }

    /// <summary>The conversation's pay is written by an event subscriber in the background: wait for it (a bounded wait, not a timing claim).</summary>
    private async Task PaidAsync(string conversation)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if ((await server.QueryAsync($"SELECT SourceKey FROM marketplace_earnings WHERE SourceKey = 'conversation:' || lower('{conversation}')")).Count == 1)
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"No earnings entry for conversation {conversation} after a minute.\n{server.ServerOutput}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
