using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Conversations.Storage;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Tests.Assistant.Support;
using Ombud.Tests.Support;

namespace Ombud.Tests.Conversations;

/// <summary>
/// The conversations a batch of turns holds are updated in one statement, not by EF one each: with everything the batch
/// changed on them (a hand-off's holder too), and never over another writer's change.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class ConversationRowsTests(AssistantApps apps)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public void The_staged_update_writes_every_column_a_writer_may_change_each_from_the_property_the_model_maps_to_it(Provider provider)
    {
        using var db = ModelOnly(provider);
        var table = ConversationRows.Conversations;
        var store = StoreObjectIdentifier.Table(table.Name);
        var columns = db.Model.GetEntityTypes().Where(e => e.GetTableName() == table.Name)
            .SelectMany(e => e.GetProperties().Select(p => p.GetColumnName(store)!)).ToHashSet();
        var written = table.Columns.Select(c => c.Name).ToHashSet();

        // A column the update left out would keep its old value whatever the turn changed.
        Assert.Empty(written.Except(columns));
        Assert.Equal(ConversationRows.Fixed.Order(), columns.Except(written).Order());
        var properties = table.PropertiesIn(db.Model);
        Assert.Equal(table.Columns.Select(c => c.Name), properties.Select(p => p.GetColumnName(store)));
        Assert.True(properties[1].IsConcurrencyToken);
        Assert.Equal(table.Version.Name, properties[1].GetColumnName(store));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public void A_column_whose_values_are_not_of_the_type_its_property_is_stored_as_is_refused_before_anything_is_written(Provider provider)
    {
        using var db = ModelOnly(provider);
        // The holder is stored by name; the missing hand-off id needs a column that can hold a missing value.
        var holderAsNumber = new RowUpdate("conversations_conversations", RowColumn.Id("Id"), RowColumn.Number("Version"), RowColumn.Number("Holder"));
        var handOffNeverMissing = new RowUpdate("conversations_conversations", RowColumn.Id("Id"), RowColumn.Number("Version"), RowColumn.Id("HandOffId"));
        var unmapped = new RowUpdate("conversations_conversations", RowColumn.Id("Id"), RowColumn.Number("Version"), RowColumn.Text("Mood"));

        Assert.Contains("Holder takes Int32", Assert.Throws<InvalidOperationException>(() => holderAsNumber.PropertiesIn(db.Model)).Message);
        Assert.Contains("or missing", Assert.Throws<InvalidOperationException>(() => handOffNeverMissing.PropertiesIn(db.Model)).Message);
        Assert.Contains("no property to conversations_conversations.Mood", Assert.Throws<InvalidOperationException>(() => unmapped.PropertiesIn(db.Model)).Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_held_conversation_another_writer_changed_since_it_was_read_is_not_written_over_and_the_work_runs_again(Provider provider)
    {
        var (app, conversationId) = await StartedAsync(provider);
        var before = await StoredAsync(app, conversationId);

        var attempts = 0;
        var outcome = await RunAsync(app, async (services, conversations, token) =>
        {
            var held = (await conversations.OpenManyAsync([conversationId], token))[conversationId];
            if (++attempts == 1)
            {
                // Another writer's change after this one read the conversation: its version moves on.
                await services.GetRequiredService<OmbudDb>().Set<Conversation>().Where(c => c.Id == conversationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), token);
            }

            held.Speak("sv");
            var written = held.Write(new MessageDraft(MessageAuthor.Shopper, $"attempt {attempts}", "sv", ClientMessageId: $"staged-{attempts}"));
            return written.Succeeded ? (Outcome<int>)attempts : written.Error!;
        });

        // The first attempt's update found the version moved on: nothing of it stored, and the second wrote on fresh data.
        Assert.Equal(2, outcome.Value);
        var after = await StoredAsync(app, conversationId);
        Assert.Equal((before.Version + 1, before.MessageCount + 1, "sv"), (after.Version, after.MessageCount, after.Language));
        var clientIds = await app.WithDbAsync(db => db.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.ClientMessageId != null).Select(m => m.ClientMessageId!).ToListAsync());
        Assert.Equal(["staged-2"], clientIds);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_held_conversation_handed_off_in_the_same_work_stores_the_hand_off_and_the_message_in_one_update(Provider provider)
    {
        var (app, conversationId) = await StartedAsync(provider);
        var before = await StoredAsync(app, conversationId);

        var outcome = await RunAsync(app, async (_, conversations, token) =>
        {
            var held = (await conversations.OpenManyAsync([conversationId], token))[conversationId];
            held.NotUnderstood();
            var written = held.Write(new MessageDraft(MessageAuthor.Shopper, "a person, please", "en", ClientMessageId: "handed-off"));
            Assert.True(written.Succeeded);
            // The hand-off finds the conversation the batch holds and changes it there, after the turn staged its update.
            var handedOff = await conversations.HandOffAsync(conversationId, new HandOffBrief(HandOffReason.Requested, 2, "test", null, "", "", "en"), token);
            return handedOff.Succeeded ? (Outcome<Guid>)handedOff.Value!.Id : handedOff.Error!;
        });

        // Had EF written the conversation as well, its version check would have failed on the staged update's row.
        Assert.True(outcome.Succeeded);
        var after = await StoredAsync(app, conversationId);
        Assert.Equal((ConversationHolder.Queue, (Guid?)outcome.Value, before.Version + 2, before.MessageCount + 1, before.FailedUnderstandings + 1),
            (after.Holder, after.HandOffId, after.Version, after.MessageCount, after.FailedUnderstandings));
    }

    private async Task<(OmbudTestApp App, Guid ConversationId)> StartedAsync(Provider provider)
    {
        var world = await ShopperWorld.CreateAsync(await apps.GetAsync(provider));
        await using var chat = await world.ChatAsync();
        await chat.StartAsync();
        return (world.App, chat.ConversationId);
    }

    /// <summary>Runs the work as a batch of turns does: in a unit of work of its own scope.</summary>
    private static async Task<Outcome<T>> RunAsync<T>(OmbudTestApp app, Func<IServiceProvider, ConversationService, CancellationToken, Task<Outcome<T>>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await services.GetRequiredService<UnitOfWork>().RunAsync(token => work(services, services.GetRequiredService<ConversationService>(), token),
            CancellationToken.None);
    }

    /// <summary>A context for its model alone: nothing connects.</summary>
    private static OmbudDb ModelOnly(Provider provider) => provider == Provider.Sqlite
        ? new SqliteOmbudDb(new DbContextOptionsBuilder<SqliteOmbudDb>().UseSqlite("Data Source=:memory:").Options)
        : new PostgresOmbudDb(new DbContextOptionsBuilder<PostgresOmbudDb>().UseNpgsql("Host=127.0.0.1").Options);

    private static Task<Conversation> StoredAsync(OmbudTestApp app, Guid conversationId) =>
        app.WithDbAsync(db => db.Set<Conversation>().AsNoTracking().SingleAsync(c => c.Id == conversationId));
}
