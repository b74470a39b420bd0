using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

public sealed class OutboxOrderTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Events_of_one_unit_of_work_in_one_instant_are_read_back_in_the_order_they_were_published(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        string[] published = [.. Enumerable.Range(1, 20).Select(i => $"test.step-{i}")];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var events = scope.ServiceProvider.GetRequiredService<DomainEvents>();
            foreach (var type in published)
            {
                events.Publish(type, new { type });
            }

            await scope.ServiceProvider.GetRequiredService<OmbudDb>().SaveChangesAsync();
        }

        var read = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.StartsWith("test.")).OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Select(m => m.Type).ToListAsync());

        Assert.Equal(published, read);
        Assert.Single(await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Type.StartsWith("test.")).Select(m => m.OccurredAt).Distinct().ToListAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_event_published_by_a_writer_that_saves_in_a_transaction_of_its_own_is_stored(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Not a unit of work: rows staged here would never be written, so the event must go with the writer's own save.
            var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<DomainEvents>().Publish("test.own-transaction", new { step = 1 });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var stored = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == "test.own-transaction").Select(m => m.Id).ToListAsync());
        Assert.Single(stored);
    }
}
