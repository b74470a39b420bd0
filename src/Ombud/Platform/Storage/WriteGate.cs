namespace Ombud.Platform.Storage;

/// <summary>
/// SQLite lets one writer in at a time, and a writer that finds the file locked sleeps and retries in coarse steps,
/// which turns a burst of concurrent requests into seconds of latency. On SQLite the node therefore queues its own
/// write transactions here, in memory and in order; PostgreSQL takes row locks itself and the gate stays open.
/// </summary>
public sealed class WriteGate(DatabaseOptions options)
{
    private readonly SemaphoreSlim? _sqliteWriter = options.IsSqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_sqliteWriter is null)
        {
            return Open.Instance;
        }

        await _sqliteWriter.WaitAsync(cancellationToken);
        return new Release(_sqliteWriter);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose()
        {
        }
    }
}
