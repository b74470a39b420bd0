using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Links;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Rings;

/// <summary>What one detection did: rings found, of which new, and rings no longer found.</summary>
public sealed record RingPass(int Found, int New, int Gone);

/// <summary>
/// Finds rings: customers joined into connected components by the identities their orders share within
/// <see cref="RingOptions.WindowDays"/> of each other (union-find over the uses Commerce reports, one query per kind of
/// identity), kept when a component has at least
/// <see cref="RingOptions.MinCustomers"/> customers and at least one order labelled fraud or an open case. The
/// members' orders, labels and open cases are read once for all candidates.
/// </summary>
/// <remarks>
/// Finding only reads, and runs before any unit of work: on SQLite a unit holds the node's write gate, and finding in
/// one kept every other writer on the node waiting (12–15 s on the demo world at start, minutes on a loaded machine).
/// Only <see cref="KeepAsync"/>, which stores what was found, runs in a unit of work (<see cref="RunAsync"/>).
/// </remarks>
internal sealed class RingDetection(OmbudDb db, UnitOfWork work, OrderLinks links, RiskHistory history, IOptions<FraudOptions> options, TimeProvider clock)
{
    /// <summary>The most orders of candidate members read in one detection; a world with more keeps the newest.</summary>
    public const int MaxOrders = 100_000;

    /// <summary>
    /// Finds the rings, then keeps them in a short unit of work of their own, together with what the caller stores beside
    /// them (<paramref name="alongside"/>: the audit entry of a detection asked for, the daily timer's next run).
    /// </summary>
    public async Task<Outcome<RingPass>> RunAsync(CancellationToken ct, Func<RingPass, CancellationToken, Task>? alongside = null)
    {
        var findings = await FindAsync(ct);
        return await work.RunAsync(async token =>
        {
            var pass = await KeepAsync(findings, token);
            if (alongside is not null)
            {
                await alongside(pass, token);
            }

            return (Outcome<RingPass>)pass;
        }, ct, "The ring detection");
    }

    /// <summary>
    /// Stores what <see cref="FindAsync"/> found, in the open unit of work: a finding continues its kept ring (see
    /// <see cref="Match"/>) or becomes a new one, and kept rings no longer found go.
    /// </summary>
    private async Task<RingPass> KeepAsync(IReadOnlyList<RingFinding> findings, CancellationToken ct)
    {
        work.EnsureOpen("Keeping fraud rings");
        var now = clock.GetUtcNow().UtcDateTime;
        var kept = await db.Set<FraudRing>().ToListAsync(ct);
        var matched = Match(findings, kept);
        var added = 0;
        foreach (var finding in findings)
        {
            if (!matched.TryGetValue(finding, out var ring))
            {
                ring = new FraudRing(Guid.CreateVersion7(now), finding.Key, now);
                db.Add(ring);
                added++;
            }

            ring.Found(finding, now);
        }

        var gone = kept.Except(matched.Values).ToList();
        db.RemoveRange(gone);
        return new RingPass(findings.Count, added, gone.Count);
    }

    /// <summary>
    /// Which kept ring each finding continues: the ring with the same key, else the unclaimed ring sharing the most members
    /// with it. A ring that gains or loses members (even its lowest one) stays the same ring, so its case and its first
    /// sighting stay with it; two rings that merge continue as the one with the larger overlap.
    /// </summary>
    private static Dictionary<RingFinding, FraudRing> Match(IReadOnlyList<RingFinding> findings, IReadOnlyList<FraudRing> kept)
    {
        var unclaimed = kept.ToDictionary(r => r.Key, StringComparer.Ordinal);
        // Each kept ring's members are read from their JSON once, not once per finding they are compared with.
        var membersOf = kept.ToDictionary(r => r, r => r.Members);
        var matched = new Dictionary<RingFinding, FraudRing>(ReferenceEqualityComparer.Instance);
        foreach (var finding in findings)
        {
            if (unclaimed.Remove(finding.Key, out var same))
            {
                matched[finding] = same;
            }
        }

        foreach (var finding in findings.Where(f => !matched.ContainsKey(f)))
        {
            var members = finding.Members.ToHashSet();
            var best = unclaimed.Values.Select(r => (Ring: r, Shared: membersOf[r].Count(members.Contains)))
                .Where(c => c.Shared > 0).OrderByDescending(c => c.Shared).ThenBy(c => c.Ring.FirstFoundAt).Select(c => c.Ring).FirstOrDefault();
            if (best is not null)
            {
                unclaimed.Remove(best.Key);
                matched[finding] = best;
            }
        }

        return matched;
    }

    /// <summary>The rings in the data now; reads only, outside any unit of work (see the remarks above).</summary>
    private async Task<IReadOnlyList<RingFinding>> FindAsync(CancellationToken ct)
    {
        var uses = new List<SharedUse>();
        foreach (var kind in Enum.GetValues<SharedIdentifier>())
        {
            uses.AddRange(await links.SharedUsesAsync(kind, ct));
        }

        var windowDays = options.Value.Rings.WindowDays;
        var components = new Components();
        var ties = Ties(uses, TimeSpan.FromDays(windowDays));
        foreach (var tie in ties)
        {
            components.Join(tie.A, tie.B);
        }

        var candidates = components.Groups().Where(g => g.Count >= options.Value.Rings.MinCustomers).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var members = candidates.SelectMany(c => c).ToList();
        var orders = await links.SharingAsync(new LinkQuery(members, new Dictionary<SharedIdentifier, IReadOnlyCollection<string>>()), [], MaxOrders, ct);
        var labels = await history.LabelsAsync([.. orders.Select(o => o.OrderId)], ct);
        var openCases = (await db.Set<FraudCase>().AsNoTracking().Where(c => members.Contains(c.CustomerId) && c.State != CaseState.Closed)
            .Select(c => c.CustomerId).ToListAsync(ct)).CountBy(c => c).ToDictionary(c => c.Key, c => c.Value);
        var ordersOf = orders.ToLookup(o => o.CustomerId);
        var tiesOf = ties.ToLookup(t => t.A);

        var findings = new List<RingFinding>();
        foreach (var group in candidates)
        {
            var ringOrders = group.SelectMany(c => ordersOf[c]).ToList();
            var fraud = ringOrders.Where(o => labels.GetValueOrDefault(o.OrderId)).ToList();
            var cases = group.Sum(c => openCases.GetValueOrDefault(c));
            if (fraud.Count == 0 && cases == 0)
            {
                continue;
            }

            var ringTies = group.SelectMany(c => tiesOf[c]).ToList();
            var identities = ringTies.Select(t => (t.Kind, t.Key)).Distinct().ToList();
            var value = ringOrders.GroupBy(o => o.Total.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new RingValue(g.Key, g.Sum(o => o.Total.Minor), g.Where(o => labels.GetValueOrDefault(o.OrderId)).Sum(o => o.Total.Minor))).ToList();
            var sorted = group.Order().ToList();
            findings.Add(new RingFinding(sorted[0].ToString(), sorted, ringOrders.Count, fraud.Count, cases, identities.Count,
                string.Join(", ", identities.Select(t => t.Kind).Distinct().Order().Select(k => k.Words())), value, windowDays,
                ringTies.Min(t => t.From), ringTies.Max(t => t.To)));
        }

        return findings;
    }

    /// <summary>
    /// The links between customers: for each shared identity, its uses in time order, and two neighbouring uses by different
    /// customers at most <paramref name="window"/> apart. Joining only neighbours gives exactly the components that joining
    /// every pair of uses within the window would: between two such uses every neighbouring gap is within it too.
    /// </summary>
    private static List<Tie> Ties(IEnumerable<SharedUse> uses, TimeSpan window)
    {
        var ties = new List<Tie>();
        foreach (var identity in uses.GroupBy(u => (u.Kind, u.Key)))
        {
            var inTime = identity.OrderBy(u => u.At).ThenBy(u => u.CustomerId).ToList();
            for (var i = 1; i < inTime.Count; i++)
            {
                var (before, after) = (inTime[i - 1], inTime[i]);
                if (before.CustomerId != after.CustomerId && after.At - before.At <= window)
                {
                    ties.Add(new Tie(identity.Key.Kind, identity.Key.Key, before.CustomerId, after.CustomerId, before.At, after.At));
                }
            }
        }

        return ties;
    }

    /// <summary>Two customers tied by one identity they used <see cref="From"/> and <see cref="To"/>, within the window.</summary>
    private sealed record Tie(SharedIdentifier Kind, string Key, Guid A, Guid B, DateTime From, DateTime To);

    /// <summary>Union-find over customer ids, with path halving; groups come out with at least one member each.</summary>
    private sealed class Components
    {
        private readonly Dictionary<Guid, Guid> _parent = [];

        public void Join(Guid a, Guid b)
        {
            var (ra, rb) = (Root(a), Root(b));
            if (ra != rb)
            {
                _parent[ra.CompareTo(rb) < 0 ? rb : ra] = ra.CompareTo(rb) < 0 ? ra : rb;
            }
        }

        public IEnumerable<List<Guid>> Groups() => _parent.Keys.ToList().GroupBy(Root).Select(g => g.ToList());

        private Guid Root(Guid id)
        {
            _parent.TryAdd(id, id);
            while (_parent[id] != id)
            {
                _parent[id] = _parent[_parent[id]];
                id = _parent[id];
            }

            return id;
        }
    }
}
