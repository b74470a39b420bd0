using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using Npgsql;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Platform;
using Ombud.Tests.Support;
using Xunit.Abstractions;

namespace Ombud.Tests.Disputes.Timers;

/// <summary>
/// The must-show of the dispute clocks: two real <c>ombud serve</c> processes on one PostgreSQL decide 1,000 disputes
/// whose merchant deadline has passed, each exactly once, although one of them is killed (SIGKILL) halfway through.
/// </summary>
public sealed class TwoNodeTimerTests(ITestOutputHelper output)
{
    private const int Disputes = 1_000;
    private const string Expired = "ExpireMerchantDeadline";
    private const string ClosedSql = "SELECT count(*) FROM disputes_disputes WHERE \"State\" = 'Closed'";

    [Fact]
    public async Task Two_nodes_decide_each_of_1000_overdue_disputes_exactly_once_even_when_one_is_killed_midway()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        // Made in process on a clock a month behind the real one: for the real nodes, every merchant deadline has passed.
        await using var app = await OmbudTestApp.StartOnAsync(database, TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(30));

        var env = CliTests.Env(database);
        env["Ombud__Events__PollMilliseconds"] = "1000";
        env["Ombud__Events__BatchSize"] = "10";
        // One batch at a time per node, so the first node is still at work when it is killed.
        env["Ombud__Events__Parallelism"] = "1";
        env["Logging__LogLevel__Ombud.Platform.Timers"] = "Information";
        // The nodes start while the orders are fed; they find nothing due until the disputes are committed.
        var starting = new[] { OmbudProcess.ServeAsync(env), OmbudProcess.ServeAsync(env) };
        try
        {
            var orders = await OrdersAsync(app, Disputes);
            output.WriteLine($"{watch.Elapsed}: {Disputes} orders fed");
            var (doomed, survivor) = (await starting[0], await starting[1]);
            await using var db = new NpgsqlConnection(database.ConnectionString);
            await db.OpenAsync();
            output.WriteLine($"{watch.Elapsed}: both nodes ready");

            // All 1,000 become due in one commit, so both nodes start on them together.
            await ReportInOneTransactionAsync(app, orders);
            output.WriteLine($"{watch.Elapsed}: {Disputes} disputes committed");
            await Eventually.HoldsAsync(async () => Fired(doomed.Output) && await CountAsync(db, ClosedSql) >= 20, TimeSpan.FromMinutes(3),
                "the first node fires some of the disputes");
            var closedAtKill = await CountAsync(db, ClosedSql);
            output.WriteLine($"{watch.Elapsed}: killing the first node with {closedAtKill} closed");
            await doomed.KillAsync(); // most likely mid-batch
            await Eventually.HoldsAsync(async () => await CountAsync(db, ClosedSql) == Disputes, TimeSpan.FromMinutes(4),
                "the surviving node decides the rest");
            output.WriteLine($"{watch.Elapsed}: all {Disputes} closed");

            Assert.True(closedAtKill < Disputes, $"the kill came after all {Disputes} were decided, so it proved nothing");
            Assert.True(Fired(survivor.Output), "the second node fired disputes too");
            Assert.Equal(Disputes, await CountAsync(db,
                "SELECT count(*) FROM disputes_disputes WHERE \"Outcome\" = 'MerchantLost' AND \"OutcomeDetail\" = 'MerchantDidNotReply' AND \"RefundId\" IS NOT NULL"));
            Assert.Equal(Disputes, await CountAsync(db, $"SELECT count(*) FROM disputes_transitions WHERE \"Move\" = '{Expired}' AND \"Actor\" = 'system'"));
            Assert.Equal(Disputes, await CountAsync(db, $"SELECT count(DISTINCT \"DisputeId\") FROM disputes_transitions WHERE \"Move\" = '{Expired}'"));
            Assert.Equal(Disputes, await CountAsync(db, "SELECT count(*) FROM commerce_refunds"));
            Assert.Equal(Disputes, await CountAsync(db, "SELECT count(DISTINCT \"OrderId\") FROM commerce_refunds"));
            Assert.Equal(0L, await CountAsync(db,
                "SELECT count(*) FROM commerce_refunds r JOIN disputes_disputes d ON d.\"RefundId\" = r.\"Id\" WHERE r.\"AmountMinor\" <> d.\"DisputedMinor\""));
            Assert.Equal(Disputes, await CountAsync(db, "SELECT count(*) FROM platform_outbox WHERE \"Type\" = 'dispute.merchant-deadline-expired'"));
            Assert.Equal(Disputes, await CountAsync(db,
                "SELECT count(DISTINCT \"Payload\"::jsonb->>'disputeId') FROM platform_outbox WHERE \"Type\" = 'dispute.merchant-deadline-expired'"));
            Assert.Equal(Disputes, await CountAsync(db, "SELECT count(*) FROM platform_audit_log WHERE \"Action\" = 'dispute.expire-merchant-deadline'"));
            Assert.Equal(0L, await CountAsync(db, "SELECT count(*) FROM commerce_payment_plans WHERE \"HeldSince\" IS NOT NULL"));
            Assert.Equal(0L, await CountAsync(db, "SELECT count(*) FROM commerce_instalments WHERE \"HeldMinor\" <> 0"));
        }
        finally
        {
            // A node still starting when the test failed is waited for, so no process outlives the test.
            foreach (var node in starting)
            {
                await Task.WhenAny(node);
                if (node.IsCompletedSuccessfully)
                {
                    await (await node).DisposeAsync();
                }
            }
        }
    }

    private static bool Fired(string output) => System.Text.RegularExpressions.Regex.IsMatch(output, @"Timer disputes\.merchant-deadline: fired [1-9]");

    /// <summary>
    /// One shopper and one store, fed over the API, with <paramref name="count"/> pay-in-4 orders written through the
    /// commerce entities in a few transactions: the ingestion API is tested elsewhere, and 1,000 requests would cost
    /// most of this test's time.
    /// </summary>
    private static async Task<List<Guid>> OrdersAsync(OmbudTestApp app, int count)
    {
        var (customer, merchant) = await new Feed(await app.ClientWithKeyAsync(Scopes.Ingest)).CustomerAndMerchantAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var ids = new List<Guid>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(250))
        {
            await app.WithDbAsync(db =>
            {
                foreach (var _ in chunk)
                {
                    var order = new Order(Guid.CreateVersion7(now), null, customer, merchant, now, "SEK",
                        [new OrderLine("HP-200", "Wireless headphones", 1, 129_900)], 4_900, Stockholm(), Stockholm(),
                        new OrderContact("anna.svensson@example.se", null, null, null), SalesChannel.Web);
                    order.AttachPlan(PaymentPlan.Schedule(Guid.CreateVersion7(now), order, PlanKind.PayIn4, 0, 0, now));
                    db.Add(order);
                    ids.Add(order.Id);
                }

                return db.SaveChangesAsync();
            });
        }

        return ids;

        // Addresses are owned by their order, so each order needs instances of its own.
        static Address Stockholm() => new("Storgatan 1", null, "Stockholm", "111 22", "SE");
    }

    /// <summary>Unauthorised-purchase reports go straight to the merchant with a seven-day deadline, long past for the real clock.</summary>
    private static async Task ReportInOneTransactionAsync(OmbudTestApp app, List<Guid> orders)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<DisputeService>();
        var reported = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
        {
            foreach (var order in orders)
            {
                if (await service.ReportAsync(new ProblemReport(order, DisputeReason.UnauthorisedPurchase, null), "customer:shopper", ct) is { Succeeded: false } refused)
                {
                    return refused.Error!;
                }
            }

            return (Outcome<int>)orders.Count;
        }, default);
        Assert.True(reported.Succeeded, reported.Error?.Detail);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
