namespace Ombud.Platform.Storage;

/// <summary>
/// SQLite lets one writer in at a time, and a writer that finds the file locked sleeps and retries in coarse steps,
/// which turns a burst of concurrent requests into seconds of latency. On SQLite the node therefore queues its own
/// write transactions here, in memory and in order; PostgreSQL takes row locks itself and the gate stays open.
/// </summary>
/// <remarks>
/// <para>
/// Three lanes queue at the gate, each first come, first served: agents' answers, requests, and the node's background
/// work (event deliveries, timers). When more than one lane waits they take turns, background → agents → requests and
/// round again, so no lane waits behind more than one turn of each other lane. In one queue, a burst of requests
/// (hundreds of shoppers pressing "Talk to a person") put the dispatcher's claim behind all of them, and the hand-offs
/// those requests made waited a minute for their offer; a queue that served agents whenever one waited let forty
/// agents accepting and wrapping up hold shoppers' conversation starts for seconds at a gate free a third of the time.
/// An agent's answer comes before a request in the round: it is a person at a console with a 20 s countdown.
/// </para>
/// <para>
/// A request that may be turned away (<see cref="WriteTurn.MayBeTurnedAway"/>: plain HTTP requests and hub calls) is
/// refused with <see cref="WriteGateFullException"/> when <see cref="DatabaseOptions.MaxWaitingRequests"/> requests already wait:
/// an overloaded node answers "busy, try again" at once instead of queuing for minutes.
/// </para>
/// </remarks>
public sealed class WriteGate(DatabaseOptions options)
{
    private readonly Lanes? _sqlite = options.IsSqlite ? new Lanes(options.MaxWaitingRequests) : null;

    /// <summary>Enters in the requests' lane.</summary>
    public ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken) => EnterAsync(WriteLane.Requests, cancellationToken);

    public ValueTask<IDisposable> EnterAsync(WriteLane lane, CancellationToken cancellationToken) =>
        EnterAsync(new WriteTurn { Lane = lane }, cancellationToken);

    /// <summary>Enters in the turn's lane; throws <see cref="WriteGateFullException"/> when it may be turned away and its lane is full.</summary>
    public async ValueTask<IDisposable> EnterAsync(WriteTurn turn, CancellationToken cancellationToken) =>
        _sqlite is null ? Open.Instance : await _sqlite.EnterAsync(turn, cancellationToken);

    private sealed class Lanes(int maxWaitingRequests)
    {
        /// <summary>The lanes' round: after a turn of one lane, the next lane in it that has someone waiting goes.</summary>
        private static readonly WriteLane[] Round = [WriteLane.Background, WriteLane.Agents, WriteLane.Requests];

        private readonly Lock _lock = new();
        private readonly Queue<TaskCompletionSource>[] _waiting = [new(), new(), new()];

        /// <summary>Waiters per lane that have neither been let in nor given up (a queue still holds the ones that gave up).</summary>
        private readonly int[] _live = new int[3];

        private bool _held;
        private WriteLane _last;

        public async ValueTask<IDisposable> EnterAsync(WriteTurn turn, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lane = (int)turn.Lane;
            TaskCompletionSource waiter;
            lock (_lock)
            {
                if (!_held)
                {
                    (_held, _last) = (true, turn.Lane);
                    return new Release(this);
                }

                if (turn.MayBeTurnedAway && maxWaitingRequests > 0 && _live[lane] >= maxWaitingRequests)
                {
                    throw new WriteGateFullException(_live[lane]);
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[lane].Enqueue(waiter);
                _live[lane]++;
            }

            // A waiter that gives up is cancelled in place and passed over when its turn comes; one whose turn came
            // first holds the gate and gives it back through its release, as any other.
            await using (cancellationToken.Register(() => GiveUp(waiter, lane, cancellationToken)))
            {
                await waiter.Task;
            }

            return new Release(this);
        }

        private void GiveUp(TaskCompletionSource waiter, int lane, CancellationToken cancellationToken)
        {
            if (waiter.TrySetCanceled(cancellationToken))
            {
                lock (_lock)
                {
                    _live[lane]--;
                }
            }
        }

        private void Pass()
        {
            lock (_lock)
            {
                var after = Array.IndexOf(Round, _last);
                for (var step = 1; step <= Round.Length; step++)
                {
                    var lane = Round[(after + step) % Round.Length];
                    while (_waiting[(int)lane].TryDequeue(out var waiter))
                    {
                        if (waiter.TrySetResult())
                        {
                            _live[(int)lane]--;
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

/// <summary>
/// Who queues at the <see cref="WriteGate"/>: a request, the node's background work, or an agent's answer. The lanes
/// take turns; in each round an agent's answer goes before a request.
/// </summary>
public enum WriteLane
{
    Requests,
    Background,
    Agents,
}
