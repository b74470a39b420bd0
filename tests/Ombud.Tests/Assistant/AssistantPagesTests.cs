using System.Net;
using Ombud.Platform.Auth;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Assistant;

/// <summary>The shopper's chat page and the staff's hand-off queue, as first rendered for a signed-in person.</summary>
[Collection(AssistantCollection.Name)]
public sealed class AssistantPagesTests(AssistantApps apps)
{
    [Fact]
    public async Task The_chat_page_greets_the_shopper_and_always_shows_the_talk_to_a_person_button()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite), name: "Greta Holm");
        using var session = new WebSession(world.App);
        await session.SignInAsync(world.Email, People.Password);

        var html = await session.GetPageAsync("/assistant");

        Assert.Contains("Talk to a person", html, StringComparison.Ordinal);
        Assert.Contains("Hi Greta!", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_waiting_hand_offs_with_their_summary_and_shoppers_do_not_see_the_queue()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var world = await ShopperWorld.CreateAsync(app, name: "Queue Tester");
        await using (var chat = await world.ChatAsync())
        {
            await chat.StartAsync();
            await chat.SayAsync("My father died last week and I cannot pay");
        }

        var email = $"agent-{Guid.NewGuid():N}@demo.test";
        await People.CreateAsync(app, email, Roles.Agent);
        using var agent = new WebSession(app);
        await agent.SignInAsync(email, People.Password);
        using var shopper = new WebSession(app);
        await shopper.SignInAsync(world.Email, People.Password);

        var queue = await agent.GetPageAsync("/assistant/handoffs");
        var refused = await shopper.GetAsync("/assistant/handoffs");

        Assert.Contains("Queue Tester", queue, StringComparison.Ordinal);
        Assert.Contains("Vulnerability", queue, StringComparison.Ordinal);
        Assert.Contains("vulnerable-customer policy", queue, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_link_to_one_of_the_shoppers_conversations_opens_that_one_and_any_other_link_opens_the_latest()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var world = await ShopperWorld.CreateAsync(app, name: "Linnea Berg");
        var stranger = await ShopperWorld.CreateAsync(app, name: "Other Person");
        Guid answered, latest, theirs;
        await using (var chat = await world.ChatAsync())
        {
            answered = (await chat.StartAsync()).Id;
            await chat.SayAsync("Where is the parcel with the green lamp?");
            latest = (await chat.StartAsync()).Id;
            await chat.SayAsync("How much do I owe in total?");
        }
        await using (var chat = await stranger.ChatAsync())
        {
            theirs = (await chat.StartAsync()).Id;
            await chat.SayAsync("A stranger's question about a blue bicycle");
        }
        using var session = new WebSession(app);
        await session.SignInAsync(world.Email, People.Password);

        var linked = WebUtility.HtmlDecode(await session.GetPageAsync($"/assistant?conversation={answered}"));
        var plain = WebUtility.HtmlDecode(await session.GetPageAsync("/assistant"));
        var someoneElses = WebUtility.HtmlDecode(await session.GetPageAsync($"/assistant?conversation={theirs}"));
        var malformed = await session.GetAsync("/assistant?conversation=not-an-id");

        Assert.NotEqual(answered, latest);
        Assert.Contains("green lamp", linked, StringComparison.Ordinal);
        Assert.DoesNotContain("How much do I owe", linked, StringComparison.Ordinal);
        Assert.Contains("How much do I owe", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("blue bicycle", someoneElses, StringComparison.Ordinal);
        Assert.Contains("How much do I owe", someoneElses, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.Contains("How much do I owe", WebUtility.HtmlDecode(await malformed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
