using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

/// <summary>A unit of work the database gave way on saves nothing, wherever in the work that happened.</summary>
public sealed class UnitOfWorkTests
{
    private const string Action = "test.unit-of-work";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_deadlock_inside_the_work_is_a_retryable_conflict_and_what_it_staged_is_never_saved(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();

        var clashed = await work.RunAsync<bool>(_ =>
        {
            audit.Record("test", Action, "victim");
            // As PostgreSQL answers a lock statement when it chose this transaction as a deadlock's victim.
            throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
        }, CancellationToken.None, "The probe");

        var conflict = Assert.IsType<WriteConflict>(clashed.Error);
        Assert.Equal($"The probe {WriteClash.Retry}", conflict.Detail);
        Assert.Null(conflict.Column);

        // The scope's next unit of work saves only its own change, not what the clashed one had staged.
        var next = await work.RunAsync(_ =>
        {
            audit.Record("test", Action, "next");
            return Task.CompletedTask;
        }, CancellationToken.None);
        Assert.True(next.Succeeded);
        var stored = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == Action).Select(a => a.Subject).ToListAsync());
        Assert.Equal(["next"], stored);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Any_other_exception_inside_the_work_is_a_bug_and_reaches_the_caller(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => work.RunAsync(_ =>
        {
            audit.Record("test", Action, "bug");
            throw new InvalidOperationException("A bug in the work.");
        }, CancellationToken.None));

        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == Action)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_unit_of_work_that_holds_the_write_gate_over_five_seconds_is_logged_with_its_subject_and_a_quick_one_is_not(Provider provider)
    {
        var logs = new LogCollector();
        await using var app = await OmbudTestApp.StartAsync(provider, builder => builder.Logging.AddProvider(logs));
        await using var scope = app.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();

        await work.RunAsync(_ =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(4));
            return Task.CompletedTask;
        }, CancellationToken.None, "The quick probe");
        await work.RunAsync(_ =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(6));
            return Task.CompletedTask;
        }, CancellationToken.None, "The slow probe");

        // Only the probes' own lines: on PostgreSQL a background unit of work may span the clock's jump too.
        var held = Assert.Single(logs.Messages, m => m.Contains("probe: a unit of work held the write gate", StringComparison.Ordinal));
        Assert.StartsWith("The slow probe: a unit of work held the write gate for 6000 ms", held, StringComparison.Ordinal);
    }
}
