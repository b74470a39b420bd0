using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Commerce.DemoWorld;
using Ombud.Platform;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.DemoWorld;

public sealed class DemoAccountsTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Demo_start_seeds_once_and_makes_one_account_per_role_however_often_it_runs(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);

        await StartDemoAsync(app);
        var firstOrders = await app.WithDbAsync(db => db.Set<Order>().CountAsync());
        await StartDemoAsync(app);

        Assert.Equal(firstOrders, await app.WithDbAsync(db => db.Set<Order>().CountAsync()));
        Assert.Equal(DemoWorldStartup.Customers, await app.WithDbAsync(db => db.Set<Customer>().CountAsync()));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
        Assert.Equal(Roles.All.Count, await users.Users.CountAsync());
        Assert.Equal(Roles.All.Order(), await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync());
        foreach (var role in Roles.All)
        {
            var holders = await users.GetUsersInRoleAsync(role);
            var user = Assert.Single(holders);
            Assert.True(user.IsDemo);
            Assert.Equal(DemoAccounts.All.Single(a => a.Role == role).Email, user.Email);
            Assert.True(await users.CheckPasswordAsync(user, DemoAccounts.Password));
        }
    }

    [Fact]
    public async Task The_demo_shopper_has_a_delivered_order_and_an_active_pay_in_4_plan_with_an_instalment_to_come()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await StartDemoAsync(app);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var shopper = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "shopper@demo.ombud.test"));
        var customer = await app.WithDbAsync(db => db.Set<Customer>().SingleAsync(c => c.Id == shopper.CustomerId));
        var orders = await app.WithDbAsync(db => db.Set<Order>().Include(o => o.Plan).Where(o => o.CustomerId == customer.Id).ToListAsync());

        Assert.Equal("Anna Svensson", customer.Name);
        Assert.Equal("Anna Svensson (shopper)", shopper.DisplayName);
        Assert.True(orders.Count >= 5);
        Assert.Contains(orders, o => o.Status == OrderStatus.Delivered);
        Assert.Contains(orders, o => o.Plan.Kind == PlanKind.PayIn4
            && o.Plan.Instalments.Any(i => i.Status == InstalmentStatus.Paid)
            && o.Plan.Instalments.Any(i => i.DueDate >= today && i.Status == InstalmentStatus.Scheduled));
    }

    [Fact]
    public async Task The_demo_world_has_shoppers_in_payment_difficulty_at_each_stage_and_their_plans_reconcile()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await StartDemoAsync(app);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var plans = await app.WithDbAsync(db => db.Set<PaymentPlan>().AsNoTracking().ToListAsync());
        var adjusted = await app.WithDbAsync(db => db.Set<PlanAdjustment>().AsNoTracking().ToListAsync());
        var extended = Assert.Single(plans, p => p.ExtensionsTaken == 2);
        var breathing = Assert.Single(plans, p => p.BreathingSpaceUntil >= today);
        var firstMissed = plans.GroupBy(p => p.CustomerId)
            .Where(g => g.SelectMany(p => p.Instalments).Count(i => i.Status == InstalmentStatus.Missed) == 1 && adjusted.All(a => a.CustomerId != g.Key));

        Assert.Equal(2, adjusted.Count(a => a.PlanId == extended.Id && a.Kind == AdjustmentKind.ExtendDueDate && a.Status == AdjustmentStatus.Applied));
        Assert.Contains(breathing.Instalments, i => i.LateFeeMinor > 0); // it was behind: a payment had been missed and charged a fee
        Assert.NotEmpty(firstMissed);
        // The watch ran once at start: the planted shoppers wait in the staff queue; nobody in a breathing space is contacted.
        var cases = await app.WithDbAsync(db => db.Set<DifficultyCase>().AsNoTracking().ToListAsync());
        var notices = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().ToListAsync());
        Assert.Contains(cases, c => c.CustomerId == extended.CustomerId && c.Status == DifficultyCaseStatus.Contacted);
        Assert.Contains(cases, c => c.CustomerId == breathing.CustomerId && c.Status == DifficultyCaseStatus.Open);
        Assert.Contains(cases, c => firstMissed.Any(g => g.Key == c.CustomerId));
        Assert.DoesNotContain(notices, n => n.CustomerId == breathing.CustomerId);
        Assert.All(notices.Where(n => n.Kind == NoticeKind.DifficultyContact).GroupBy(n => n.CustomerId), g => Assert.Single(g));
        await Difficulty.PlanBooks.AssertReconciledAsync(app, extended.OrderId);
        await Difficulty.PlanBooks.AssertReconciledAsync(app, breathing.OrderId);
    }

    [Fact]
    public async Task The_demo_world_has_collection_notices_running_and_plans_handed_over_each_after_its_notice()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await StartDemoAsync(app);

        var plans = await app.WithDbAsync(db => db.Set<PaymentPlan>().AsNoTracking().ToListAsync());
        var notices = await app.WithDbAsync(db => db.Set<DifficultyNotice>().AsNoTracking().Where(n => n.Kind == NoticeKind.CollectionNotice).ToListAsync());
        var handedOver = plans.Where(p => p.InCollection).ToList();

        Assert.NotEmpty(handedOver);
        Assert.Contains(notices, n => n.ClosedAt == null && plans.Single(p => p.Id == n.PlanId).InCollection == false);
        Assert.All(handedOver, p => Assert.Contains(notices, n => n.PlanId == p.Id && n.Outcome == "handed over to collection"
            && n.SentAt <= p.HandedToCollectionAt!.Value.AddDays(-14)));
        await Difficulty.PlanBooks.AssertReconciledAsync(app, handedOver[0].OrderId);
    }

    [Fact]
    public async Task The_demo_merchant_account_acts_for_the_merchant_with_the_most_orders()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await StartDemoAsync(app);

        var merchantUser = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "merchant@demo.ombud.test"));
        var counts = await app.WithDbAsync(db => db.Set<Order>().GroupBy(o => o.MerchantId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());

        Assert.NotNull(merchantUser.MerchantId);
        Assert.Equal(counts.Max(c => c.Count), counts.Single(c => c.Key == merchantUser.MerchantId).Count);
        Assert.Null(merchantUser.CustomerId);
    }

    private static async Task StartDemoAsync(OmbudTestApp app)
    {
        // As serve does in demo mode: after migrating, under the start-up lock, in a scope of its own.
        await app.Services.PrepareDatabaseAsync(migrate: false, services => DemoWorldStartup.SeedIfEmptyAsync(services, CancellationToken.None),
            CancellationToken.None);
    }
}
