using Microsoft.Extensions.DependencyInjection;
using Ombud.Marketplace;
using Ombud.Platform;
using Ombud.Tests.Support;
using static Ombud.Tests.Support.PostgresLocks;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// An agent's accept that PostgreSQL picks as a deadlock's victim, as when it holds the place and waits for the
/// conversation that a shopper's turn holds while wanting the place: the agent is told to retry (never a server error,
/// which used to stop the demo's agents for good), nothing of the accept is saved, and trying again takes the
/// conversation, in the same scope as a demo agent's tick does.
/// </summary>
public sealed class AcceptDeadlockTests
{
    [Fact]
    public async Task An_accept_chosen_as_a_deadlocks_victim_is_a_conflict_to_retry_and_the_next_try_takes_the_conversation()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Postgres);
        var desk = await MarketDesk.OpenAsync(app);
        var sara = await desk.AgentAsync("Sara", (Skill.Payments, 4));
        var conversation = await desk.HandOffAsync(await desk.CustomerAsync());
        var offer = await desk.PendingOfferAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var offers = scope.ServiceProvider.GetRequiredService<AgentOffers>();

        // Another writer holds the conversation: the accept locks the place, then waits for the conversation, and the writer
        // wants the place.
        var outcome = await DeadlockAsync(app.Database.ConnectionString, $"SELECT 1 FROM conversations_conversations WHERE \"Id\" = '{conversation}' FOR UPDATE",
            () => offers.AcceptAsync(sara.UserId, offer.Id, default),
            $"SELECT 1 FROM marketplace_queue WHERE \"Id\" = '{offer.QueueEntryId}' FOR UPDATE", "The accept");

        var conflict = Assert.IsType<WriteConflict>(outcome.Error);
        Assert.Contains("retry", conflict.Detail, StringComparison.Ordinal);
        Assert.Equal((offer.Id, QueueEntryStatus.Offered), ((await desk.PendingOfferAsync()).Id, Assert.Single(await desk.QueueAsync()).Status));

        var again = await offers.AcceptAsync(sara.UserId, offer.Id, default);

        Assert.True(again.Succeeded, again.Error?.Detail);
        Assert.Equal(conversation, again.Value!.ConversationId);
        Assert.Equal((QueueEntryStatus.Assigned, sara.Id), (Assert.Single(await desk.QueueAsync()).Status, Assert.Single(await desk.QueueAsync()).AgentId));
    }
}
