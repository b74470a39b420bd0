using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.DemoWorld;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Disputes;

/// <summary>The demo world's disputes: every state of the lifecycle, walked by the product's use cases, seen by each role.</summary>
public sealed class DemoDisputesTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_demo_world_has_a_dispute_in_every_state_with_evidence_and_a_second_start_plants_none(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);

        await StartDemoAsync(app);
        var disputes = await app.WithDbAsync(db => db.Set<Dispute>().AsNoTracking().ToListAsync());
        await StartDemoAsync(app);

        Assert.Equal(disputes.Count, await app.WithDbAsync(db => db.Set<Dispute>().CountAsync()));
        Assert.All(Enum.GetValues<DisputeState>(), state => Assert.Contains(disputes, d => d.State == state));
        Assert.Contains(disputes, d => d.State == DisputeState.Reported && d.StoreRefundedMinor > 0);
        Assert.Contains(disputes, d => d.State == DisputeState.Reported && d.Transitions.Count == 1);
        Assert.Contains(disputes, d => d.Outcome == DisputeOutcome.MerchantWon);
        Assert.Contains(disputes, d => d.Outcome == DisputeOutcome.MerchantLost && d.OutcomeDetail == DisputeOutcomeDetail.AppealRejected && d.RefundId is not null);
        Assert.Contains(disputes, d => d.Outcome == DisputeOutcome.SettledWithStore);
        Assert.Contains(disputes, d => d.Outcome == DisputeOutcome.Withdrawn);
        // Walked by the use cases: every step in the history, both sides' files stored.
        Assert.Contains(disputes, d => d.Transitions.Any(t => t.Move == DisputeMove.Appeal));
        var parties = await app.WithDbAsync(db => db.Set<EvidenceFile>().Select(f => f.Party).Distinct().ToListAsync());
        Assert.Equal(new[] { DisputeParty.Shopper, DisputeParty.Merchant }, parties.Order());

        // Each role sees some: the demo shopper's own, the demo merchant's own, staff a decision to make.
        var shopper = await app.WithDbAsync(db => DemoWorldStartup.DemoShopperIdAsync(db, CancellationToken.None));
        var merchant = await app.WithDbAsync(db => DemoWorldStartup.BusiestMerchantIdAsync(db, CancellationToken.None));
        Assert.True(disputes.Count(d => d.CustomerId == shopper) >= 3, $"{disputes.Count(d => d.CustomerId == shopper)} for the demo shopper");
        Assert.True(disputes.Count(d => d.MerchantId == merchant) >= 3, $"{disputes.Count(d => d.MerchantId == merchant)} for the demo merchant");
        Assert.Contains(disputes, d => d.State is DisputeState.Representment or DisputeState.Arbitration);
    }

    private static Task StartDemoAsync(OmbudTestApp app) =>
        // As serve does in demo mode: after migrating, under the start-up lock, in a scope of its own.
        app.Services.PrepareDatabaseAsync(migrate: false, services => DemoWorldStartup.SeedIfEmptyAsync(services, CancellationToken.None),
            CancellationToken.None);
}
