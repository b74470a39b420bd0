using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.DemoWorld;

/// <summary>Writes a demo world into an empty database.</summary>
internal static class DemoWorldSeeder
{
    // About 2,000 orders and 20,000 rows per save: measured faster than 250 customers a batch, and the change
    // tracker, cleared after each, stays small. On SQLite the time goes to EF Core's one INSERT per row.
    private const int CustomersPerBatch = 500;

    public static Task<bool> HasCustomersAsync(OmbudDb db, CancellationToken cancellationToken) =>
        db.Set<Customer>().AnyAsync(cancellationToken);

    /// <summary>
    /// Builds and writes the world in one transaction, so a run that fails or is cancelled leaves the database as
    /// empty as it found it and can simply be run again. <paramref name="progress"/> hears the customers written so far.
    /// </summary>
    /// <remarks>
    /// A bulk load, not a use case, so it keeps its own transaction and saves batch by batch instead of running as a
    /// <see cref="UnitOfWork"/>: one save at the end would hold the whole world (hundreds of thousands of rows) in the
    /// change tracker, and a re-run of the work on a lost version check means nothing for rows only ever inserted. It
    /// runs at start-up under <see cref="DatabaseStartup"/>'s lock or from the command line, before any writer.
    /// </remarks>
    public static async Task<DemoWorldSummary> SeedAsync(OmbudDb db, DemoWorldSettings settings, Action<int> progress,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var world = new DemoWorldBuilder(settings);
        var summary = new DemoWorldSummary();
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        // Everything is added once and never changed after, so scanning for changes would be pure cost.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var merchants = world.Merchants.ToList();
            db.AddRange(merchants);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            summary.Merchants = merchants.Count;

            foreach (var batch in world.Batches(CustomersPerBatch))
            {
                db.AddRange(batch.Customers);
                db.AddRange(batch.Orders);
                db.AddRange(batch.Payments);
                db.AddRange(batch.Refunds);
                db.AddRange(batch.Labels);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                summary.Add(batch);
                progress(summary.Customers);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }

        summary.Elapsed = Stopwatch.GetElapsedTime(started);
        return summary;
    }
}
