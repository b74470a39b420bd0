using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// Agents' certified skills and sign-in e-mails as read once in a pass of queued work (<see cref="PassShared"/>): each
/// hand-off a pass dispatches is matched against the same online agents, whose skills and e-mail do not change in the
/// seconds a pass lasts. Their load is not kept here: dispatch reads it, and settles it under a lock, in each unit of
/// work. A certification recorded during a pass counts from the next one; outside a pass (a request) nothing is kept.
/// </summary>
internal sealed class AgentFacts
{
    /// <summary>Each agent's certified skills with their levels, by agent id.</summary>
    public Dictionary<Guid, IReadOnlyDictionary<Skill, int>> Skills { get; } = [];

    /// <summary>Each agent's sign-in e-mail (null: none), by account id.</summary>
    public Dictionary<string, string?> Emails { get; } = [];

    /// <summary>The values for these keys, reading only those not known yet (one read for all of them).</summary>
    public static async Task<IReadOnlyDictionary<TKey, TValue>> KnownAsync<TKey, TValue>(Dictionary<TKey, TValue> known, IEnumerable<TKey> keys,
        Func<List<TKey>, Task<IReadOnlyDictionary<TKey, TValue>>> read, TValue missing)
        where TKey : notnull
    {
        var unknown = keys.Distinct().Where(k => !known.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            var found = await read(unknown);
            foreach (var key in unknown)
            {
                known[key] = found.TryGetValue(key, out var value) ? value : missing;
            }
        }

        return known;
    }
}
