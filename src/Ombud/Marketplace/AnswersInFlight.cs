namespace Ombud.Marketplace;

/// <summary>
/// Agents' answers to offers that have reached this node and are not done yet: waiting for SQLite's write gate, for the
/// place's row lock, or being stored. An offer whose countdown runs out meanwhile still expires (the shopper's wait is
/// the same), but the agent answered in time and is not set away for the server's delay (<see cref="Dispatch.OfferExpiry"/>).
/// Known on this node only: with several nodes, an answer on one and the expiry on another is still counted as missed.
/// </summary>
public sealed class AnswersInFlight
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid Offer, string UserId), int> _arrived = [];

    /// <summary>The agent (<paramref name="userId"/>) answered <paramref name="offerId"/>; dispose when the answer is done.</summary>
    public IDisposable Arrive(Guid offerId, string userId)
    {
        var key = (offerId, userId);
        lock (_lock)
        {
            _arrived[key] = _arrived.GetValueOrDefault(key) + 1;
        }

        return new Done(this, key);
    }

    /// <summary>True while an answer of <paramref name="userId"/>'s to <paramref name="offerId"/> is in this node.</summary>
    public bool IsAnswering(Guid offerId, string userId)
    {
        lock (_lock)
        {
            return _arrived.ContainsKey((offerId, userId));
        }
    }

    private void Leave((Guid, string) key)
    {
        lock (_lock)
        {
            if (--_arrived[key] == 0)
            {
                _arrived.Remove(key);
            }
        }
    }

    private sealed class Done(AnswersInFlight answers, (Guid, string) key) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                answers.Leave(key);
            }
        }
    }
}
