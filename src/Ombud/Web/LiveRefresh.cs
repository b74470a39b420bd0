namespace Ombud.Web;

/// <summary>A page's read repeated while it is open: a dispute, the supply page and the shopper's wait estimate keep themselves up to date.</summary>
internal static class LiveRefresh
{
    /// <summary>Runs <paramref name="work"/> every <paramref name="every"/> until <paramref name="closed"/> is cancelled (the page went away).</summary>
    public static async Task EveryAsync(TimeSpan every, TimeProvider clock, Func<Task> work, CancellationToken closed)
    {
        try
        {
            using var ticks = new PeriodicTimer(every, clock);
            while (await ticks.WaitForNextTickAsync(closed))
            {
                await work();
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
        catch (ObjectDisposedException)
        {
            // The page closed between two reads.
        }
    }
}
