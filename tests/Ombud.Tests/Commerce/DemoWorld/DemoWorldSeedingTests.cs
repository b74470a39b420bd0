using Ombud.Commerce.DemoWorld;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.DemoWorld;

public sealed class DemoWorldSeedingTests
{
    private const int Customers = 60;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Seeding_twice_with_the_same_seed_builds_the_same_world(Provider provider)
    {
        await using var first = await OmbudTestApp.StartAsync(provider);
        await using var second = await OmbudTestApp.StartAsync(provider);

        await DemoWorldTesting.SeedAsync(first, Customers, seed: 7);
        await DemoWorldTesting.SeedAsync(second, Customers, seed: 7);

        Assert.Equal(DemoWorldTesting.Digest(await DemoWorldTesting.ReadAsync(first)), DemoWorldTesting.Digest(await DemoWorldTesting.ReadAsync(second)));
    }

    [Fact]
    public async Task The_same_seed_builds_the_same_world_on_SQLite_and_on_PostgreSQL()
    {
        await using var sqlite = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await using var postgres = await OmbudTestApp.StartAsync(Provider.Postgres);

        await DemoWorldTesting.SeedAsync(sqlite, Customers);
        await DemoWorldTesting.SeedAsync(postgres, Customers);

        Assert.Equal(DemoWorldTesting.Digest(await DemoWorldTesting.ReadAsync(sqlite)), DemoWorldTesting.Digest(await DemoWorldTesting.ReadAsync(postgres)));
    }

    [Fact]
    public void Another_seed_builds_another_world()
    {
        var asOf = new DateOnly(2026, 11, 23);
        var one = new DemoWorldBuilder(new DemoWorldSettings(Customers, 1, asOf)).Batches(Customers).Single();
        var two = new DemoWorldBuilder(new DemoWorldSettings(Customers, 2, asOf)).Batches(Customers).Single();

        Assert.NotEqual(one.Customers.Select(c => c.Email), two.Customers.Select(c => c.Email));
        Assert.NotEqual(one.Orders.Sum(o => o.TotalMinor), two.Orders.Sum(o => o.TotalMinor));
    }

    [Fact]
    public void Splitting_the_world_into_batches_does_not_change_it()
    {
        var settings = new DemoWorldSettings(Customers, 42, new DateOnly(2026, 11, 23));

        var whole = new DemoWorldBuilder(settings).Batches(Customers).Single();
        var sliced = new DemoWorldBuilder(settings).Batches(7).ToList();

        Assert.Equal(whole.Orders.Select(o => (o.Id, o.TotalMinor)), sliced.SelectMany(b => b.Orders).Select(o => (o.Id, o.TotalMinor)));
        Assert.Equal(whole.Payments.Select(p => p.Id), sliced.SelectMany(b => b.Payments).Select(p => p.Id));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task What_the_seeder_reports_is_what_the_database_holds(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);

        var summary = await DemoWorldTesting.SeedAsync(app, Customers);
        var world = await DemoWorldTesting.ReadAsync(app);

        Assert.Equal(Customers, world.Customers.Count);
        Assert.Equal(summary.Customers, world.Customers.Count);
        Assert.Equal(summary.Merchants, world.Merchants.Count);
        Assert.Equal(summary.Orders, world.Orders.Count);
        Assert.Equal(summary.Payments, world.Payments.Count);
        Assert.Equal(summary.Refunds, world.Refunds.Count);
        Assert.Equal(summary.LabelledOrders, world.Labels.Count);
        Assert.Equal(12, world.Merchants.Count);
        Assert.True(world.Orders.Count > 3 * Customers, $"several orders per customer, got {world.Orders.Count} for {Customers}");
    }
}
