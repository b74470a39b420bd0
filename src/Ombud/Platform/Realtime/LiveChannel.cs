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
public sealed class LiveChannel : IHostedService, IDisposable
{
    private const string Channel = "ombud:live";

    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _topics = new(StringComparer.Ordinal);
    private readonly ILogger<LiveChannel> _logger;
    private readonly Lazy<ConnectionMultiplexer>? _redis;

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

    /// <summary>With Redis, the node listens from its start, so it hears every notice published after it is up.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => ListenAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

        try
        {
            await _redis.Value.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), $"{topic}\n{notice}");
        }
        catch (RedisException e)
        {
            // Other nodes' readers miss this one and catch up when they re-read; this node's still hear it.
            _logger.LogWarning(e, "A live notice on {Topic} went to this node only: Redis did not take it.", topic);
            await DeliverAsync(topic, notice);
        }
    }

    public void Dispose()
    {
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
}
