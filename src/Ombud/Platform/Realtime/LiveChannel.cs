using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Ombud.Platform.Realtime;

/// <summary>
/// Short notices to live readers on every node ("conversation 0193… changed"), by topic. On one node they go straight
/// to its subscribers; with <c>Ombud:Redis</c> set they go through one Redis pub/sub channel, which hands each notice
/// to every node, this one included, in the order it was published. A notice is a hint to re-read what is stored, never
/// the data itself: nothing personal crosses Redis, and a lost notice (Redis down) costs freshness, not data — readers
/// also re-read when they reconnect. Publishing never fails the caller.
/// </summary>
public sealed partial class LiveChannel : IHostedService, IDisposable
{
    private const string Channel = "ombud:live";

    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _topics = new(StringComparer.Ordinal);
    private readonly ILogger<LiveChannel> _logger;
    private readonly Lazy<ConnectionMultiplexer>? _redis;
    private readonly CancellationTokenSource _stopping = new();

    public LiveChannel(IConfiguration configuration, ILogger<LiveChannel> logger)
    {
        _logger = logger;
        var redis = configuration["Ombud:Redis"];
        if (!string.IsNullOrEmpty(redis))
        {
            _redis = new Lazy<ConnectionMultiplexer>(() =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
        }
    }

    /// <summary>
    /// With Redis, the node listens from its start, so it hears every notice published after it is up. A node whose
    /// Redis does not answer still starts (its readiness probe says why) and keeps trying to listen in the background;
    /// once subscribed, the Redis client re-subscribes by itself after a lost connection.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryListenAsync())
        {
            _ = KeepTryingAsync(_stopping.Token);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task KeepTryingAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && !await TryListenAsync())
        {
            await Task.Delay(TimeSpan.FromSeconds(5), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<bool> TryListenAsync()
    {
        try
        {
            await ListenAsync();
            return true;
        }
        catch (RedisException e)
        {
            _logger.LogWarning(e, "Not listening for live notices yet: Redis does not answer. Trying again in 5 s.");
            return false;
        }
    }

    /// <summary>Hears every notice on <paramref name="topic"/> until the returned handle is disposed.</summary>
    public IDisposable Subscribe(string topic, Func<string, Task> hear)
    {
        var subscriber = new Subscriber(topic, hear, this);
        _topics.AddOrUpdate(topic, _ => new ImmutableSubscribers([subscriber]), (_, list) => list.With(subscriber));
        return subscriber;
    }

    /// <summary>Tells every node's readers of <paramref name="topic"/>; <paramref name="notice"/> is short and holds nothing personal.</summary>
    public async Task PublishAsync(string topic, string notice)
    {
        if (_redis is null)
        {
            await DeliverAsync(topic, notice);
            return;
        }

        var redis = _redis.Value;
        if (!redis.IsConnected)
        {
            // Other nodes' readers miss this one and catch up when they re-read; this node's still hear it. Waiting for
            // Redis here would hold up the use case that announced it.
            NotPublished(_logger, topic);
            await DeliverAsync(topic, notice);
            return;
        }

        // Fire and forget: the notice is a hint, and the order of one connection's commands is kept.
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), $"{topic}\n{notice}", CommandFlags.FireAndForget);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        if (_redis is { IsValueCreated: true })
        {
            _redis.Value.Dispose();
        }
    }

    private async Task ListenAsync()
    {
        if (_redis is null)
        {
            return;
        }

        var queue = await _redis.Value.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Channel));
        queue.OnMessage(async message =>
        {
            var text = (string?)message.Message ?? "";
            var split = text.IndexOf('\n');
            if (split > 0)
            {
                await DeliverAsync(text[..split], text[(split + 1)..]);
            }
        });
    }

    private async Task DeliverAsync(string topic, string notice)
    {
        if (!_topics.TryGetValue(topic, out var subscribers))
        {
            return;
        }

        foreach (var subscriber in subscribers.All)
        {
            try
            {
                await subscriber.Hear(notice);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "A live reader of {Topic} failed on a notice.", topic);
            }
        }
    }

    private void Remove(Subscriber subscriber)
    {
        _topics.AddOrUpdate(subscriber.Topic, _ => new ImmutableSubscribers([]), (_, list) => list.Without(subscriber));
        _topics.TryRemove(new KeyValuePair<string, ImmutableSubscribers>(subscriber.Topic, ImmutableSubscribers.Empty));
    }

    private sealed record ImmutableSubscribers(Subscriber[] All)
    {
        public static readonly ImmutableSubscribers Empty = new([]);

        public ImmutableSubscribers With(Subscriber s) => new([.. All, s]);

        public ImmutableSubscribers Without(Subscriber s)
        {
            var left = All.Where(x => x != s).ToArray();
            return left.Length == 0 ? Empty : new(left);
        }
    }

    private sealed class Subscriber(string topic, Func<string, Task> hear, LiveChannel channel) : IDisposable
    {
        public string Topic => topic;

        public Func<string, Task> Hear => hear;

        public void Dispose() => channel.Remove(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live notice on {Topic} went to this node only: Redis is not connected.")]
    private static partial void NotPublished(ILogger logger, string topic);
}
