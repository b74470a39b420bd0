using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Platform.Auth;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Assistant;

/// <summary>The REST surface for other channels: the same desk as the hub, problem details for every refusal, never a 5xx.</summary>
[Collection(AssistantCollection.Name)]
public sealed class AssistantApiTests(AssistantApps apps)
{
    private const string Route = "/api/v1/assistant/conversations";

    [Fact]
    public async Task A_shopper_starts_a_conversation_sends_messages_reads_the_transcript_and_asks_for_a_person()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        using var session = await SignedInAsync(world);

        var started = await session.Http.PostAsJsonAsync(Route, new { language = "sv" });
        var conversation = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var asked = await session.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { clientMessageId = "a1", text = "vad är mitt saldo?" });
        var human = await session.Http.PostAsJsonAsync($"{Route}/{conversation}/handoff", new { clientMessageId = "b1" });
        var transcript = await session.Http.GetFromJsonAsync<JsonElement>($"{Route}/{conversation}");

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal($"{Route}/{conversation}", started.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var answer = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("balance", answer.GetProperty("intent").GetString());
        Assert.StartsWith("Du har totalt", answer.GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.True((await human.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handoff").GetBoolean());
        Assert.Equal(5, transcript.GetProperty("messages").GetArrayLength());
        Assert.Equal("answer-balance", transcript.GetProperty("messages")[2].GetProperty("why").GetProperty("rule").GetString());
        Assert.Equal("Button", transcript.GetProperty("handOff").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Another_shoppers_conversation_is_404_to_read_and_to_write()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        using var owner = await SignedInAsync(await ShopperWorld.CreateAsync(app));
        using var stranger = await SignedInAsync(await ShopperWorld.CreateAsync(app));
        var conversation = (await (await owner.Http.PostAsJsonAsync(Route, new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var read = await stranger.Http.GetAsync(new Uri($"{Route}/{conversation}", UriKind.Relative));
        var write = await stranger.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { text = "hello" });
        var button = await stranger.Http.PostAsJsonAsync($"{Route}/{conversation}/handoff", new { });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, button.StatusCode);
        Assert.Single((await owner.Http.GetFromJsonAsync<JsonElement>($"{Route}/{conversation}")).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Refusals_are_problem_details_naming_the_field_and_floods_get_429()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        using var session = await SignedInAsync(world);
        var conversation = (await (await session.Http.PostAsJsonAsync(Route, new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var huge = await session.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { text = new string('x', 100_000) });
        var empty = await session.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { text = "" });
        var badLanguage = await session.Http.PostAsJsonAsync(Route, new { language = "xx" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 22; i++)
        {
            statuses.Add((await session.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { text = $"hi {i}" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("\"text\"", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task A_resend_with_the_same_client_id_replays_and_different_words_under_it_get_409()
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(Provider.Sqlite));
        using var session = await SignedInAsync(world);
        var conversation = (await (await session.Http.PostAsJsonAsync(Route, new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var first = await session.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { clientMessageId = "m1", text = "what is my balance?" });
        var resent = await session.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { clientMessageId = "m1", text = "what is my balance?" });
        var changed = await session.Http.PostAsJsonAsync($"{Route}/{conversation}/messages", new { clientMessageId = "m1", text = "cancel my order" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(3, (await session.Http.GetFromJsonAsync<JsonElement>($"{Route}/{conversation}")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_shopper_may_start_twenty_conversations_a_day_and_keep_three_waiting_for_a_person()
    {
        // The product's quotas: the shared hosts of this collection lift them, as many tests there share one customer.
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Ombud:Assistant:ConversationsPerDay"] = "20",
            ["Ombud:Assistant:WaitingHandOffsPerShopper"] = "3",
        });
        var world = await ShopperWorld.CreateAsync(app);
        using var session = await SignedInAsync(world);

        var started = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var response = await session.Http.PostAsJsonAsync(Route, new { });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            started.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var oneTooMany = await session.Http.PostAsJsonAsync(Route, new { });
        var handOffs = new List<HttpStatusCode>();
        foreach (var conversation in started.Take(4))
        {
            handOffs.Add((await session.Http.PostAsJsonAsync($"{Route}/{conversation}/handoff", new { })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, oneTooMany.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], handOffs);
    }

    [Fact]
    public async Task Only_shoppers_have_assistant_conversations()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var email = $"agent-{Guid.NewGuid():N}@demo.test";
        await People.CreateAsync(app, email, Roles.Agent);
        using var agent = new WebSession(app);
        await agent.SignInAsync(email, People.Password);

        var response = await agent.Http.PostAsJsonAsync(Route, new { });

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<WebSession> SignedInAsync(ShopperWorld world)
    {
        var session = new WebSession(world.App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(world.Email, People.Password)).StatusCode);
        return session;
    }
}
