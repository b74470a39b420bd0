using Microsoft.EntityFrameworkCore;
using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Tests.Support;
using static Ombud.Tests.Support.PostgresLocks;

namespace Ombud.Tests.Disputes;

/// <summary>
/// A move that PostgreSQL picks as a deadlock's victim, as when a merchant's answer meets a timer holding the dispute's
/// order: the merchant is told to retry (a conflict, 409 over HTTP), never a 500, and nothing of its move is saved.
/// </summary>
public sealed class DisputeDeadlockTests
{
    [Fact]
    public async Task A_move_chosen_as_a_deadlocks_victim_is_a_conflict_to_retry_and_saves_nothing()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Postgres);
        var desk = await DisputeDesk.OpenAsync(app);
        var (_, order) = await desk.ShopperWithOrderAsync();
        var dispute = await desk.ReportAsync(order, DisputeReason.Other);
        app.Clock.Advance(TimeSpan.FromDays(22));
        await desk.DoAsync(s => s.EscalateAsync(dispute.Id, "system", default));

        // Another writer holds the dispute: the merchant's acceptance updates the order's plan, then waits for the dispute,
        // and the writer wants the plan.
        var outcome = await DeadlockAsync(app.Database.ConnectionString, $"SELECT 1 FROM disputes_disputes WHERE \"Id\" = '{dispute.Id}' FOR UPDATE",
            () => desk.TryAsync(s => s.AcceptLossAsync(dispute.Id, null, null, "merchant:m", default)),
            $"SELECT 1 FROM commerce_payment_plans WHERE \"OrderId\" = '{order}' FOR UPDATE", "The merchant's save");

        var conflict = Assert.IsType<WriteConflict>(outcome.Error);
        Assert.Contains("retry", conflict.Detail, StringComparison.Ordinal);
        var after = await desk.DisputeAsync(dispute.Id);
        Assert.Equal(DisputeState.Initiated, after.State);
        Assert.Equal(2, after.Transitions.Count);
        Assert.Equal(0, after.RefundMinor);
        Assert.NotNull((await desk.PlanAsync(order)).HeldSince);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Subject == $"dispute:{dispute.Id}" && e.Action == "dispute.accept-loss")));

        // Once the other writer is gone, the same move goes through.
        Assert.True((await desk.TryAsync(s => s.AcceptLossAsync(dispute.Id, null, null, "merchant:m", default))).Succeeded);
    }
}
