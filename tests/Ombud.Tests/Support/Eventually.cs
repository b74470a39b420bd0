namespace Ombud.Tests.Support;

/// <summary>Waits for something another thread or process does, with a generous deadline instead of a fixed sleep.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; between polls runs <paramref name="between"/> (e.g. nudging a fake clock).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, string what, Action? between = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + limit;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Still not true after {limit}: {what}");
            }

            between?.Invoke();
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
