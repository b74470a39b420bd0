using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// Demo mode's start: <c>serve</c> calls it after migrating, under the start-up lock, so of several nodes starting
/// together exactly one seeds. Never called outside demo mode.
/// </summary>
internal static class DemoWorldStartup
{
    /// <summary>Small enough to seed in a few seconds at first start, big enough that every pattern is planted.</summary>
    public const int Customers = 200;

    public const int Seed = DemoWorldSettings.DefaultSeed;

    /// <summary>Seeds a small world into an empty database, then makes sure each demo account exists. Idempotent.</summary>
    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoWorldStartup).FullName!);
        if (!await DemoWorldSeeder.HasCustomersAsync(db, cancellationToken))
        {
            var settings = new DemoWorldSettings(Customers, Seed, DemoWorldSettings.Today(services.GetRequiredService<TimeProvider>()));
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Seeding a demo world of {Customers} customers (seed {Seed}, as of {AsOf})", settings.Customers, settings.Seed,
                    settings.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            var summary = await DemoWorldSeeder.SeedAsync(db, settings, _ => { }, cancellationToken);
            var difficulties = await DemoDifficulty.PlantAsync(services, cancellationToken);
            // The watch's first run, as the daily timer would: staff find flagged shoppers in the queue at once.
            var watched = await services.GetRequiredService<Difficulty.DifficultyWatch>().RunAsync(cancellationToken);
            var (notices, handedOver) = await DemoCollection.PlantAsync(services, cancellationToken);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Planted {Count} payment-difficulty adjustment(s) for the demo; the difficulty watch flagged {Flagged} shoppers; "
                    + "{Notices} collection notice(s) sent and {HandedOver} plan(s) handed over to collection", difficulties, watched.Flagged, notices, handedOver);
            }

            foreach (var part in services.GetServices<Platform.IDemoWorldPart>())
            {
                var planted = await part.PlantAsync(services, cancellationToken);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("{Planted}", planted);
                }
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("{Summary}", string.Join(Environment.NewLine, summary.Lines(settings)));
            }
        }

        var created = await EnsureAccountsAsync(services, db, cancellationToken);
        if (created > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Created {Count} demo account(s); each signs in with the demo password", created);
        }
    }

    private static async Task<int> EnsureAccountsAsync(IServiceProvider services, OmbudDb db, CancellationToken cancellationToken)
    {
        await Platform.People.StaffRoles.EnsureStoredAsync(services.GetRequiredService<RoleManager<IdentityRole>>(), Roles.All);

        var users = services.GetRequiredService<UserManager<OmbudUser>>();
        var created = 0;
        foreach (var account in DemoAccounts.All)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new OmbudUser
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    DisplayName = account.DisplayName,
                    IsDemo = true,
                    CustomerId = account.Role == Roles.Shopper ? await DemoShopperIdAsync(db, cancellationToken) : null,
                    MerchantId = account.Role == Roles.Merchant ? await BusiestMerchantIdAsync(db, cancellationToken) : null,
                };
                Check(await users.CreateAsync(user, DemoAccounts.Password), account.Email);
                created++;
            }

            if (!await users.IsInRoleAsync(user, account.Role))
            {
                Check(await users.AddToRoleAsync(user, account.Role), account.Email);
            }
        }

        return created;
    }

    /// <summary>
    /// The customer the demo shopper account speaks for: Anna Svensson when the world is ours; in a database seeded
    /// otherwise, the customer with the most orders.
    /// </summary>
    internal static async Task<Guid?> DemoShopperIdAsync(OmbudDb db, CancellationToken cancellationToken) =>
        await db.Set<Customer>().Where(c => c.ExternalId == DemoWorldBuilder.ShopperExternalId).Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken)
        ?? await db.Set<Order>().GroupBy(o => o.CustomerId).OrderByDescending(g => g.Count()).Select(g => (Guid?)g.Key)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The merchant the demo merchant account speaks for: the busiest store.</summary>
    internal static Task<Guid?> BusiestMerchantIdAsync(OmbudDb db, CancellationToken cancellationToken) =>
        db.Set<Order>().GroupBy(o => o.MerchantId).OrderByDescending(g => g.Count()).Select(g => (Guid?)g.Key)
            .FirstOrDefaultAsync(cancellationToken);

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create the demo {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
