using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Ombud.Platform.Realtime;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// The facts of each live conversation, kept on this node between its turns: a conversation's turns come seconds
/// apart and almost never see the shopper's data change in between, so reloading the orders, plans, refunds and
/// disputes on every turn (most of a turn's work) is wasted. Bounded (<see cref="FactsOptions.Conversations"/>
/// entries, a sliding expiry) and never older than <see cref="FactsOptions.MaxAgeSeconds"/>.
/// </summary>
/// <remarks>
/// Freshness: a change to a customer's orders, payments, refunds, plans or disputes publishes an event; the
/// assistant's subscriber (<see cref="FactsRefresh"/>) tells every node over the <see cref="LiveChannel"/>, and each
/// node forgets that customer's facts in all their conversations. A turn that acted itself forgets them on its own
/// node as soon as it commits, before its event is delivered. A load that overlaps a change is never kept as fresh:
/// each change takes a number, and facts are only valid if loaded after the customer's last change started.
/// </remarks>
internal sealed class ConversationFacts : IDisposable
{
    /// <summary>The live topic every node listens on; a notice is a customer id and nothing else.</summary>
    public const string Topic = "assistant.facts";

    private readonly MemoryCache _kept;
    private readonly ConcurrentDictionary<Guid, Change> _changed = new();
    private readonly IDisposable _listening;
    private readonly LiveChannel _live;
    private readonly TimeProvider _clock;
    private readonly FactsOptions _options;
    private long _changes;
    private long _hits;
    private long _loads;

    public ConversationFacts(LiveChannel live, TimeProvider clock, IOptions<AssistantOptions> options)
    {
        (_live, _clock, _options) = (live, clock, options.Value.Facts);
        _kept = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.Conversations) });
        _listening = live.Subscribe(Topic, notice =>
        {
            if (Guid.TryParse(notice, out var customerId))
            {
                Forget(customerId);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Turns answered from kept facts and turns that loaded them, since the node started.</summary>
    public (long Hits, long Loads) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _loads));

    /// <summary>The conversation's facts: the kept ones while still valid, else <paramref name="load"/>ed and kept.</summary>
    public async Task<CustomerFacts?> GetAsync(Guid conversationId, Guid customerId, Func<CancellationToken, Task<CustomerFacts?>> load,
        CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (Valid(conversationId, customerId, now) is { } valid)
        {
            return valid;
        }

        // Taken before reading: a change that lands while this load runs gets a higher number and makes it stale.
        var number = Interlocked.Read(ref _changes);
        var facts = await load(ct);
        Interlocked.Increment(ref _loads);
        if (facts is not null && _options.Conversations > 0)
        {
            _kept.Set(conversationId, new Kept(facts, number, now), new MemoryCacheEntryOptions
            {
                Size = 1,
                SlidingExpiration = TimeSpan.FromSeconds(Math.Max(1, _options.IdleSeconds)),
            });
        }

        return facts;
    }

    /// <summary>The conversation's kept facts while still valid, else null; loads nothing and keeps nothing.</summary>
    public CustomerFacts? IfKept(Guid conversationId, Guid customerId) => Valid(conversationId, customerId, _clock.GetUtcNow());

    private CustomerFacts? Valid(Guid conversationId, Guid customerId, DateTimeOffset now)
    {
        if (_options.Conversations > 0 && _kept.TryGetValue(conversationId, out Kept? kept) && kept!.Facts.CustomerId == customerId
            && now - kept.LoadedAt < MaxAge && !ChangedSince(customerId, kept.Number))
        {
            Interlocked.Increment(ref _hits);
            return kept.Facts;
        }

        return null;
    }

    /// <summary>
    /// The number of the latest change so far: taken before a turn reads its facts outside its unit of work, and given to
    /// <see cref="ChangedSince"/> once it holds the conversation, to learn whether they went stale in between.
    /// </summary>
    public long Mark() => Interlocked.Read(ref _changes);

    /// <summary>True when the customer's data changed after <paramref name="mark"/> (<see cref="Mark"/>) was taken.</summary>
    public bool ChangedSince(Guid customerId, long mark) => _changed.TryGetValue(customerId, out var change) && change.Number > mark;

    /// <summary>The customer's data changed: every kept conversation of theirs on this node reloads on its next turn.</summary>
    public void Forget(Guid customerId)
    {
        var change = new Change(Interlocked.Increment(ref _changes), _clock.GetUtcNow());
        _changed[customerId] = change;
        if (_changed.Count > Math.Max(1024, _options.Conversations))
        {
            Prune(change.At);
        }
    }

    /// <summary>Tells every node (this one included) that the customer's data changed.</summary>
    public Task AnnounceAsync(Guid customerId) => _live.PublishAsync(Topic, customerId.ToString());

    public void Dispose()
    {
        _listening.Dispose();
        _kept.Dispose();
    }

    private TimeSpan MaxAge => TimeSpan.FromSeconds(Math.Max(1, _options.MaxAgeSeconds));

    /// <summary>A change older than the maximum age can only concern facts that are too old to be used anyway.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (customerId, change) in _changed)
        {
            if (now - change.At > MaxAge)
            {
                _changed.TryRemove(new KeyValuePair<Guid, Change>(customerId, change));
            }
        }
    }

    private sealed record Kept(CustomerFacts Facts, long Number, DateTimeOffset LoadedAt);

    private readonly record struct Change(long Number, DateTimeOffset At);
}

/// <summary>How the assistant keeps conversations' facts between turns (section <c>Ombud:Assistant:Facts</c>).</summary>
internal sealed class FactsOptions
{
    /// <summary>Conversations whose facts one node keeps at most; 0 turns keeping off (every turn loads).</summary>
    public int Conversations { get; set; } = 5000;

    /// <summary>A conversation's facts are dropped after this long without a turn.</summary>
    public int IdleSeconds { get; set; } = 300;

    /// <summary>Facts are reloaded at least this often, whatever the events said: a bound for a change no event announces.</summary>
    public int MaxAgeSeconds { get; set; } = 60;
}
