using System.Diagnostics;
using Ombud.Platform.Realtime;

namespace Ombud.Fraud;

/// <summary>
/// This node's copy of something every risk decision reads and that changes seldom (the live rules, the orders with a
/// decided case), so a decision reads memory instead of asking the database. A change tells every node once it has
/// committed (<see cref="AnnounceAsync"/>, through <see cref="LiveChannel"/>), and each reloads at its next read; a copy
/// older than <see cref="MaxAge"/> is reloaded too, so a notice lost while Redis was away costs a minute's freshness at most.
/// </summary>
internal abstract class NodeCopy<T> : IDisposable
    where T : class
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly LiveChannel _channel;
    private readonly string _topic;
    private readonly IDisposable _listening;
    private readonly Lock _gate = new();
    private (T Value, long LoadedAt)? _current;
    private long _generation;

    protected NodeCopy(LiveChannel channel, string topic)
    {
        _channel = channel;
        _topic = topic;
        _listening = channel.Subscribe(topic, _ =>
        {
            Forget();
            return Task.CompletedTask;
        });
    }

    /// <summary>The copy, loaded with <paramref name="load"/> when there is none or it is too old.</summary>
    public async Task<T> GetAsync(Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        long generation;
        lock (_gate)
        {
            if (_current is { } current && Stopwatch.GetElapsedTime(current.LoadedAt) < MaxAge)
            {
                return current.Value;
            }

            generation = _generation;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var loaded = await load(ct);
        lock (_gate)
        {
            // A change announced while loading may not be in what was read: keep it for this read only.
            if (_generation == generation)
            {
                _current = (loaded, startedAt);
            }
        }

        return loaded;
    }

    /// <summary>After a committed change: this node forgets its copy at once, every other node when it hears.</summary>
    public async Task AnnounceAsync()
    {
        Forget();
        await _channel.PublishAsync(_topic, "changed");
    }

    public void Dispose() => _listening.Dispose();

    private void Forget()
    {
        lock (_gate)
        {
            _generation++;
            _current = null;
        }
    }
}
