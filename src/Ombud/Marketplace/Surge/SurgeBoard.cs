using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Audit;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Surge;

/// <summary>
/// The surge level: read by dispatch when it makes an offer (the multiplier the offer records), and reviewed from a
/// fresh <see cref="SupplySnapshot"/> by <see cref="SurgeReview"/>. A change of level is audited and published as
/// <see cref="SurgeChanged"/> in the review's unit of work.
/// </summary>
internal sealed class SurgeBoard(OmbudDb db, SupplyAndDemand supply, IOptions<SurgeOptions> options, AuditLog audit, DomainEvents events, TimeProvider clock)
{
    public const string Actor = "system:surge";

    /// <summary>The multiplier an offer made now records (1000 until a review raised the level).</summary>
    public async Task<int> MultiplierNowAsync(CancellationToken ct) =>
        await db.Set<SurgeState>().AsNoTracking().Where(s => s.Market == supply.Market).Select(s => (int?)s.PerMille).SingleOrDefaultAsync(ct)
        ?? SurgeMultipliers.None;

    /// <summary>Works the level out again from demand and supply now and records it; stages into the caller's unit of work.</summary>
    public async Task<SurgeState> ReviewAsync(CancellationToken ct)
    {
        var snapshot = await supply.TakeAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await db.Set<SurgeState>().SingleOrDefaultAsync(s => s.Market == snapshot.Market, ct);
        if (state is null)
        {
            state = new SurgeState(snapshot.Market, now);
            db.Add(state);
        }

        var pressure = snapshot.PressurePerMille ?? SurgeRules.NoSupplyPerMille;
        var from = state.Level;
        var level = SurgeRules.Next(from, pressure, options.Value);
        if (state.Review(level, options.Value.MultiplierPerMille(snapshot.Market, level), pressure, now))
        {
            events.Publish(SurgeChanged.Type, new SurgeChanged(snapshot.Market, from, level, state.PerMille, pressure, now), SurgeChanged.CurrentVersion);
            audit.Record(Actor, "marketplace.surge-changed", $"market:{snapshot.Market}", $"{from} → {level}, {state.PerMille} ‰, pressure {Shown(pressure)}");
        }

        return state;
    }

    private static string Shown(int pressure) => pressure == SurgeRules.NoSupplyPerMille ? "work waiting, nobody online" : $"{pressure} ‰";
}
