using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ombud.Platform.Auth;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant;

/// <summary>The node's turn-latency window, which operators and bench/assistant.sh read with an admin key.</summary>
[Collection(AssistantCollection.Name)]
public sealed class TurnLatencyTests(AssistantApps apps)
{
    private const string Route = "/api/v1/admin/assistant/turn-latency";

    [Fact]
    public async Task An_admin_key_reads_the_turns_since_the_last_reset_and_nobody_else_can()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var world = await ShopperWorld.CreateAsync(app);
        using var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        using var ingest = await app.ClientWithKeyAsync(Scopes.Ingest);
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        await chat.SayAsync("how much do I owe in total?");

        using var reset = await admin.PostAsync($"{Route}/reset", null);
        await chat.SayAsync("When is my next payment due?");
        await chat.PressTalkToAPersonAsync();
        var window = await admin.GetFromJsonAsync<JsonObject>(Route);
        await chat.StartAsync();
        await chat.SayAsync("Where is my order?");
        var withAFirstTurn = await admin.GetFromJsonAsync<JsonObject>(Route);
        using var byIngestKey = await ingest.GetAsync(Route);
        using var byShopper = await chat.Session.GetAsync(Route);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.True((await reset.Content.ReadFromJsonAsync<JsonObject>())!["turns"]!.GetValue<long>() >= 1);
        Assert.Equal(2, window!["turns"]!.GetValue<long>());
        Assert.True(window["p99Ms"]!.GetValue<double>() >= window["p50Ms"]!.GetValue<double>());
        // One after the other, each turn had its batch to itself.
        Assert.Equal((2, 1.0), (window["phases"]!["turnsBatched"]!.GetValue<long>(), window["phases"]!["turnsPerCommit"]!.GetValue<double>()));
        // Both turns of the window followed the conversation's first; the new conversation's turn is a first one.
        Assert.Equal((0L, 2L), (window["firstTurns"]!["turns"]!.GetValue<long>(), window["laterTurns"]!["turns"]!.GetValue<long>()));
        Assert.Equal((1L, 2L), (withAFirstTurn!["firstTurns"]!["turns"]!.GetValue<long>(), withAFirstTurn["laterTurns"]!["turns"]!.GetValue<long>()));
        Assert.True(withAFirstTurn["firstTurns"]!["p99Ms"]!.GetValue<double>() > 0);
        Assert.Equal(HttpStatusCode.Forbidden, byIngestKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, byShopper.StatusCode);
    }
}
