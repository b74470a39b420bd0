using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Idempotency;

/// <summary>
/// Deletes idempotency records older than <see cref="IdempotencyOptions.KeepHours"/>, a slice at a time so no sweep
/// holds a long transaction. Any node may sweep while others do: a record deleted twice is deleted once.
/// </summary>
public sealed class IdempotencyExpiry(OmbudDb db, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    private const int Slice = 5_000;

    /// <summary>Sweeps until nothing is past its time; returns how many records went.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.Keep;
        var total = 0;
        while (true)
        {
            // The oldest slice by the CreatedAt index: each statement is short and keeps locks few.
            var keys = await db.IdempotencyRecords.AsNoTracking().Where(r => r.CreatedAt < cutoff).OrderBy(r => r.CreatedAt)
                .Select(r => new { r.Caller, r.Key }).Take(Slice).ToListAsync(ct);
            if (keys.Count == 0)
            {
                return total;
            }

            foreach (var caller in keys.GroupBy(k => k.Caller))
            {
                var callerKeys = caller.Select(k => k.Key).ToList();
                total += await db.IdempotencyRecords.Where(r => r.Caller == caller.Key && callerKeys.Contains(r.Key) && r.CreatedAt < cutoff)
                    .ExecuteDeleteAsync(ct);
            }

            if (keys.Count < Slice)
            {
                return total;
            }
        }
    }
}

/// <summary>Runs <see cref="IdempotencyExpiry"/> on a serving node every <see cref="IdempotencyOptions.SweepMinutes"/>.</summary>
internal sealed partial class IdempotencySweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencyOptions> options,
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var swept = await scope.ServiceProvider.GetRequiredService<IdempotencyExpiry>().SweepAsync(stoppingToken);
                if (swept > 0)
                {
                    LogSwept(logger, swept);
                }
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not stop the sweeps for good: the next one tries again.
                LogSweepFailed(logger, failure);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.SweepMinutes), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} idempotency records past their time")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping idempotency records failed; trying again at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception failure);
}
