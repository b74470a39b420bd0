using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// One pass of the dispatcher: fan new events out to deliveries, claim the deliveries that are due, send them.
/// Claims take row locks with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL and push the claimed rows' next attempt
/// past a lease, so two nodes never send the same attempt; should a node die mid-send, another retries after the lease.
/// </summary>
public sealed class WebhookDispatch(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatch> logger)
{
    private const int ClaimBatch = 50;

    /// <summary>Returns how many events were fanned out and how many attempts made.</summary>
    public async Task<(int FannedOut, int Sent)> RunOnceAsync(CancellationToken ct)
    {
        var fannedOut = 0;
        int batch;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            batch = await scope.ServiceProvider.GetRequiredService<WebhookFanOut>().RunAsync(ct);
            fannedOut += batch;
        }
        while (batch > 0 && !ct.IsCancellationRequested);

        var claimed = await ClaimDueAsync(ct);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism), CancellationToken = ct },
            async (id, token) => await SendAsync(id, token));
        return (fannedOut, claimed.Count);
    }

    private async Task<IReadOnlyList<Guid>> ClaimDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = db.Set<WebhookDelivery>().Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now);
        // A cheap look first, so an idle node takes no write lock (SQLite has one for the whole file).
        if (!await due.AnyAsync(ct))
        {
            return [];
        }

        using var writing = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = db.Database.IsNpgsql()
            ? await db.Set<WebhookDelivery>().FromSql(
                $"""
                 SELECT * FROM platform_webhook_deliveries
                 WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now}
                 ORDER BY "NextAttemptAt" LIMIT {ClaimBatch}
                 FOR UPDATE SKIP LOCKED
                 """).ToListAsync(ct)
            : await due.OrderBy(d => d.NextAttemptAt).Take(ClaimBatch).ToListAsync(ct);
        var leaseEnds = now + options.Value.RequestTimeout + TimeSpan.FromMinutes(1);
        foreach (var delivery in claimed)
        {
            delivery.Claim(leaseEnds);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return claimed.Select(d => d.Id).ToList();
    }

    private async Task SendAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        var delivery = await db.Set<WebhookDelivery>().Include(d => d.Message).Include(d => d.Endpoint).SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null)
        {
            return; // its endpoint was removed since the claim
        }

        if (!delivery.Endpoint.Enabled)
        {
            delivery.Fail();
        }
        else
        {
            delivery.RecordScheduled(await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendAsync(delivery, replay: false, ct));
        }

        using var writing = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // The endpoint and its deliveries were removed while we were sending: nothing is left to record on.
            logger.LogWarning(e, "Webhook delivery {DeliveryId} vanished before its attempt was recorded", deliveryId);
        }
    }
}

/// <summary>Runs <see cref="WebhookDispatch"/> every <see cref="WebhookOptions.PollInterval"/> on the injected clock, in <c>serve</c>.</summary>
internal sealed class WebhookDispatcher(WebhookDispatch dispatch, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatch.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not stop webhooks for good: the next pass tries again.
                logger.LogError(e, "Webhook dispatch pass failed");
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
