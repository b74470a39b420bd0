namespace Ombud.Marketplace.Surge;

/// <summary>
/// The <see cref="SupplyReading"/> of this node, worked out at most once every <see cref="SurgeOptions.SnapshotSeconds"/>:
/// the staff page reads it every few seconds and every waiting shopper's wait panel every 15 s, so without it 500 waiting
/// shoppers would each run the same aggregate queries. Readers who come while it is being worked out wait for that one
/// reading; a reading that failed is not kept. The level's review does not read through it: it records what pays.
/// </summary>
internal sealed class SupplyCache(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<SurgeOptions> options, TimeProvider clock,
    IHostApplicationLifetime lifetime)
{
    private readonly Lock _gate = new();
    private Task<SupplyReading>? _reading;
    private DateTimeOffset _takenAt;

    public Task<SupplyReading> ReadAsync(CancellationToken ct)
    {
        Task<SupplyReading> reading;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_reading is null || _reading.IsFaulted || _reading.IsCanceled || now - _takenAt >= TimeSpan.FromSeconds(options.Value.SnapshotSeconds))
            {
                _takenAt = now;
                _reading = TakeAsync();
            }

            reading = _reading;
        }

        return reading.WaitAsync(ct);
    }

    /// <summary>In a scope of its own and not cancelled by the reader who started it: other readers wait for the same reading.</summary>
    private async Task<SupplyReading> TakeAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SupplyAndDemand>().ReadAsync(lifetime.ApplicationStopping);
    }
}
