using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Commerce.DemoWorld;
using Ombud.Tests.Support;

namespace Ombud.Tests.Commerce.DemoWorld;

/// <summary>Seeds demo worlds into test hosts and reads them back whole.</summary>
internal static class DemoWorldTesting
{
    /// <summary>A test host on a fresh database with a demo world already in it.</summary>
    public static async Task<OmbudTestApp> StartSeededAsync(Provider provider, int customers = 60, int seed = 42)
    {
        var app = await OmbudTestApp.StartAsync(provider);
        await SeedAsync(app, customers, seed);
        return app;
    }

    public static Task<DemoWorldSummary> SeedAsync(OmbudTestApp app, int customers, int seed = 42) =>
        app.WithDbAsync(db => DemoWorldSeeder.SeedAsync(db, Settings(app, customers, seed), _ => { }, CancellationToken.None));

    public static DemoWorldSettings Settings(OmbudTestApp app, int customers, int seed = 42) =>
        new(customers, seed, DemoWorldSettings.Today(app.Clock));

    public static Task<World> ReadAsync(OmbudTestApp app) => app.WithDbAsync(async db => new World(
        await db.Set<Customer>().AsNoTracking().ToListAsync(),
        await db.Set<Merchant>().AsNoTracking().ToListAsync(),
        await db.Set<Order>().AsNoTracking().Include(o => o.Plan).ToListAsync(),
        await db.Set<Payment>().AsNoTracking().ToListAsync(),
        await db.Set<Refund>().AsNoTracking().ToListAsync(),
        await db.Set<DemoLabel>().AsNoTracking().ToListAsync()));

    /// <summary>
    /// A fingerprint of everything seeded, independent of the order rows come back in and of how the provider
    /// stores a date's kind, so worlds can be compared across databases and providers.
    /// </summary>
    public static string Digest(World world)
    {
        var text = new StringBuilder();
        foreach (var c in world.Customers.OrderBy(c => c.ExternalId, StringComparer.Ordinal))
        {
            Line(text, c.Id, c.ExternalId, c.Name, c.Email, c.Phone, c.Locale, c.Market, c.KycLevel, At(c.AccountCreatedAt), c.Address, At(c.IngestedAt));
        }

        foreach (var m in world.Merchants.OrderBy(m => m.ExternalId, StringComparer.Ordinal))
        {
            Line(text, m.Id, m.ExternalId, m.Name, m.CategoryCode, m.Country, m.DisputeRateBasisPoints);
        }

        foreach (var o in world.Orders.OrderBy(o => o.ExternalId, StringComparer.Ordinal))
        {
            Line(text, o.Id, o.ExternalId, o.CustomerId, o.MerchantId, At(o.PlacedAt), o.Currency, o.TotalMinor, o.ShippingFeeMinor, o.BillingAddress,
                o.ShippingAddress, o.Email, o.Phone, o.DeviceFingerprint, o.IpAddress, o.Channel, o.Status, o.Carrier, o.TrackingNumber,
                At(o.ShippedAt), At(o.DeliveredAt), o.InstrumentKind, o.InstrumentFingerprint, o.InstrumentBin, o.InstrumentLast4);
            foreach (var l in o.Lines)
            {
                Line(text, l);
            }

            var p = o.Plan;
            Line(text, p.Id, p.Kind, p.PrincipalMinor, p.AprBasisPoints, At(p.CreatedAt));
            foreach (var i in p.Instalments.OrderBy(i => i.Sequence))
            {
                Line(text, i.Sequence, i.DueDate, i.OriginalAmountMinor, i.AmountMinor, i.PaidMinor, i.LateFeeMinor, i.PaidOn, i.Status);
            }
        }

        foreach (var p in world.Payments.OrderBy(p => p.ExternalId, StringComparer.Ordinal))
        {
            Line(text, p.Id, p.ExternalId, p.OrderId, p.AmountMinor, p.Currency, p.Method, At(p.ReceivedAt), p.OverpaidMinor);
        }

        foreach (var r in world.Refunds.OrderBy(r => r.ExternalId, StringComparer.Ordinal))
        {
            Line(text, r.Id, r.ExternalId, r.OrderId, r.AmountMinor, r.Reason, At(r.CreatedAt), r.ReducedScheduleMinor, r.ReturnedToCustomerMinor);
        }

        foreach (var l in world.Labels.OrderBy(l => l.OrderId).ThenBy(l => l.Kind))
        {
            Line(text, l.Id, l.OrderId, l.CustomerId, l.Kind, l.Group);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string? At(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, params object?[] values) =>
        text.AppendJoin('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))).Append('\n');
}

/// <summary>Everything a demo world wrote.</summary>
internal sealed record World(
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Merchant> Merchants,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<Refund> Refunds,
    IReadOnlyList<DemoLabel> Labels);
