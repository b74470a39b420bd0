using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>The shopper's side of the assistant's page, as a person uses it.</summary>
internal static class ShopperChat
{
    public static ILocator Replies(IPage page) => page.Locator("[data-author='assistant']");

    /// <summary>
    /// Types a message as the shopper would, sends it, and returns the assistant's reply once it shows. Waits first until
    /// the page takes messages: while the conversation is starting the controls are off, as they are to a person.
    /// </summary>
    public static async Task<string> SayAsync(IPage page, string text)
    {
        await Assertions.Expect(page.Locator("#send")).ToBeEnabledAsync();
        var before = await Replies(page).CountAsync();
        await page.Locator("#message").FillAsync(text);
        await page.Locator("#send").ClickAsync();
        await Assertions.Expect(page.Locator("[data-author='shopper']").Last).ToContainTextAsync(text);
        await Assertions.Expect(Replies(page)).ToHaveCountAsync(before + 1);
        // Seen without scrolling: the newest reply is what the shopper is waiting for.
        await Assertions.Expect(Replies(page).Last).ToBeInViewportAsync(new() { Ratio = 0.9f });
        return await Replies(page).Last.InnerTextAsync();
    }
}
