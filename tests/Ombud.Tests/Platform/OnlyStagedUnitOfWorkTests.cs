using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;
using static Ombud.Platform.Storage.RowColumn;

namespace Ombud.Tests.Platform;

/// <summary>
/// A unit of work that only stages (<see cref="UnitOfWork.OnlyStages"/>) is written on PostgreSQL as one batch with no
/// BEGIN or COMMIT of its own: it must still store all its rows or none, and have stored them when it returns.
/// </summary>
public sealed class OnlyStagedUnitOfWorkTests
{
    private const string Action = "test.only-staged";

    /// <summary>The outbox as a lean writer sees it, so that a test stages its rows in a table of its choosing, first.</summary>
    private static readonly RowTable Outbox = new("platform_outbox", Id("Id"), Text("Type"), Number("Version"), Text("Payload"), Instant("OccurredAt"));

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Its_rows_are_stored_all_or_none_and_before_it_returns(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var taken = Guid.CreateVersion7();
        Assert.True((await OnlyStagingAsync(app, staged => staged.Add(AuditLog.Entries, taken, now, "test", Action, "taken", null))).Succeeded);

        // The second table's row clashes with a stored key: the first table's row, written before it, is not kept.
        var lost = Guid.CreateVersion7();
        var clashed = await OnlyStagingAsync(app, staged =>
        {
            staged.Add(Outbox, lost, Action, 1, "{}", now);
            staged.Add(AuditLog.Entries, taken, now, "test", Action, "again", null);
        });
        Assert.IsType<WriteConflict>(clashed.Error);
        Assert.Equal(0, await OutboxRowsAsync(app, lost));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Subject == "again")));

        // Nothing clashes: both tables' rows are there, read from another connection the moment it returned.
        var kept = Guid.CreateVersion7();
        var stored = await OnlyStagingAsync(app, staged =>
        {
            staged.Add(Outbox, kept, Action, 1, "{}", now);
            staged.Add(AuditLog.Entries, Guid.CreateVersion7(), now, "test", Action, "kept", null);
        });
        Assert.True(stored.Succeeded);
        Assert.Equal(1, await OutboxRowsAsync(app, kept));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Subject == "kept")));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Work_that_also_changes_what_EF_Core_tracks_is_saved_with_its_staged_rows(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var staged = Guid.CreateVersion7();

        var stored = await OnlyStagingAsync(app, (rows, db) =>
        {
            rows.Add(Outbox, staged, Action, 1, "{}", now);
            db.AuditEntries.Add(new AuditEntry(Guid.CreateVersion7(), now, "test", Action, "tracked", null));
        });

        Assert.True(stored.Succeeded);
        Assert.Equal(1, await OutboxRowsAsync(app, staged));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Subject == "tracked")));
    }

    private static Task<Outcome<bool>> OnlyStagingAsync(OmbudTestApp app, Action<StagedRows> stage) =>
        OnlyStagingAsync(app, (rows, _) => stage(rows));

    /// <summary>Runs <paramref name="stage"/> in a unit of work of a fresh scope told it only stages.</summary>
    private static async Task<Outcome<bool>> OnlyStagingAsync(OmbudTestApp app, Action<StagedRows, OmbudDb> stage)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        work.OnlyStages();
        return await work.RunAsync(_ =>
        {
            stage(scope.ServiceProvider.GetRequiredService<StagedRows>(), scope.ServiceProvider.GetRequiredService<OmbudDb>());
            return Task.CompletedTask;
        }, CancellationToken.None, "The probe");
    }

    private static Task<int> OutboxRowsAsync(OmbudTestApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().CountAsync(m => m.Id == id));
}
