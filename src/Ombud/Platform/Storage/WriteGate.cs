namespace Ombud.Platform.Storage;

/// <summary>
/// SQLite lets one writer in at a time, and a writer that finds the file locked sleeps and retries in coarse steps,
/// which turns a burst of concurrent requests into seconds of latency. On SQLite the node therefore queues its own
/// write transactions here, in memory and in order; PostgreSQL takes row locks itself and the gate stays open.
/// </summary>
/// <remarks>
/// Two lanes queue at the gate: requests, and the node's background work (event deliveries, timers). When both wait
/// they take turns. In one queue, a burst of requests (hundreds of shoppers pressing "Talk to a person") put the
/// dispatcher's claim behind all of them, and the hand-offs those requests made waited a minute for their offer;
/// taking turns bounds that wait by the background work ahead of it, and requests still get every other turn.
/// </remarks>
public sealed class WriteGate(DatabaseOptions options)
{
    private readonly Lanes? _sqlite = options.IsSqlite ? new Lanes() : null;

    /// <summary>Enters in the requests' lane.</summary>
    public ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken) => EnterAsync(WriteLane.Requests, cancellationToken);

    public async ValueTask<IDisposable> EnterAsync(WriteLane lane, CancellationToken cancellationToken) =>
        _sqlite is null ? Open.Instance : await _sqlite.EnterAsync(lane, cancellationToken);

    private sealed class Lanes
    {
        private readonly Lock _lock = new();
        private readonly Queue<TaskCompletionSource>[] _waiting = [new(), new()];
        private bool _held;
        private WriteLane _last;

        public async ValueTask<IDisposable> EnterAsync(WriteLane lane, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TaskCompletionSource turn;
            lock (_lock)
            {
                if (!_held)
                {
                    (_held, _last) = (true, lane);
                    return new Release(this);
                }

                turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[(int)lane].Enqueue(turn);
            }

            // A waiter that gives up is cancelled in place and passed over when its turn comes; one whose turn came
            // first holds the gate and gives it back through its release, as any other.
            await using (cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken)))
            {
                await turn.Task;
            }

            return new Release(this);
        }

        private void Pass()
        {
            lock (_lock)
            {
                var next = _last == WriteLane.Background ? WriteLane.Requests : WriteLane.Background;
                foreach (var lane in (ReadOnlySpan<WriteLane>)[next, next == WriteLane.Background ? WriteLane.Requests : WriteLane.Background])
                {
                    while (_waiting[(int)lane].TryDequeue(out var waiter))
                    {
                        if (waiter.TrySetResult())
                        {
                            _last = lane;
                            return;
                        }
                    }
                }

                _held = false;
            }
        }

        private sealed class Release(Lanes lanes) : IDisposable
        {
            private int _released;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    lanes.Pass();
                }
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

/// <summary>Who queues at the <see cref="WriteGate"/>: a request, or the node's background work; the two take turns.</summary>
public enum WriteLane
{
    Requests,
    Background,
}
