using System.Collections.Concurrent;
using Ombud.Bench.Assistant.Chat;

namespace Ombud.Bench.Assistant.Load;

/// <summary>What the turns of a phase came back as: by the policy's rule, hand-offs, limits hit, and failed calls.</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<string, long> _rules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _handoffs;
    private long _limited;

    public long Handoffs => Volatile.Read(ref _handoffs);

    public long Limited => Volatile.Read(ref _limited);

    public long Errors => _errors.Values.Sum();

    public IReadOnlyDictionary<string, long> Rules => _rules.OrderByDescending(r => r.Value).ToDictionary(r => r.Key, r => r.Value);

    public IReadOnlyDictionary<string, long> ErrorsByKind => _errors.ToDictionary(e => e.Key, e => e.Value);

    public void Add(TurnReply reply)
    {
        _rules.AddOrUpdate(reply.Rule, 1, (_, n) => n + 1);
        if (reply.Handoff)
        {
            Interlocked.Increment(ref _handoffs);
        }

        if (reply.Limit is not null)
        {
            Interlocked.Increment(ref _limited);
        }
    }

    /// <summary>A failed call, by exception type and the first words of its message (never the message sent).</summary>
    public void Fail(Exception error)
    {
        var detail = error.Message.Length > 80 ? error.Message[..80] : error.Message;
        _errors.AddOrUpdate($"{error.GetType().Name}: {detail}", 1, (_, n) => n + 1);
    }
}
