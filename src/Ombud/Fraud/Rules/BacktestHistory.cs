using Ombud.Commerce.Contracts;
using Ombud.Fraud.Features;
using Ombud.Fraud.Training;

namespace Ombud.Fraud.Rules;

/// <summary>
/// The labelled history with each order's features as at its time, for backtests in the workbench: built once and
/// kept for <see cref="FreshFor"/>, since computing it reads every order.
/// </summary>
internal sealed class BacktestHistory(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _building = new(1, 1);
    // One reference, written and read whole: a backtest reading it while another builds never sees half of the pair.
    private volatile Kept? _kept;

    public async Task<IReadOnlyList<RiskRow>> RowsAsync(CancellationToken ct)
    {
        if (_kept is { } kept && clock.GetUtcNow() - kept.BuiltAt < FreshFor)
        {
            return kept.Rows;
        }

        await _building.WaitAsync(ct);
        try
        {
            if (_kept is { } again && clock.GetUtcNow() - again.BuiltAt < FreshFor)
            {
                return again.Rows;
            }

            await using var scope = scopes.CreateAsyncScope();
            var events = await OrderEvents.LabelledHistoryAsync(scope.ServiceProvider.GetRequiredService<RiskHistory>(), ct);
            var rows = events.Any(e => e.Label is not null) ? RiskDataset.Build(events).All.ToList() : [];
            _kept = new Kept(rows, clock.GetUtcNow());
            return rows;
        }
        finally
        {
            _building.Release();
        }
    }

    public void Dispose() => _building.Dispose();

    private sealed record Kept(IReadOnlyList<RiskRow> Rows, DateTimeOffset BuiltAt);
}
