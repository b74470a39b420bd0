using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.DemoWorld;

/// <summary>
/// <c>ombud seed --shopper-accounts N</c>: sign-in accounts for the first N customers of a freshly built world, so a load
/// test can sign in as many different shoppers (one shopper holds one place in the hand-off queue, so one account cannot
/// stand for a crowd). They are ordinary accounts, not demo ones: the sign-in page does not offer them, and they work
/// outside demo mode. All share one password made up here and printed once, so nobody else knows it.
/// </summary>
internal static class DemoShopperAccounts
{
    /// <summary>Hashing once and sharing the hash: a thousand key-stretching rounds would take minutes on a small machine.</summary>
    public static async Task<ShopperAccounts> CreateAsync(IServiceProvider services, int count, Action<int> progress, CancellationToken ct)
    {
        var db = services.GetRequiredService<OmbudDb>();
        var users = services.GetRequiredService<UserManager<OmbudUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Shopper))
        {
            Check(await roles.CreateAsync(new IdentityRole(Roles.Shopper)), "the shopper role");
        }

        var password = NewPassword();
        string? hash = null;
        var emails = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Customers of one household or ring can share an address; each account needs its own.
        // Read whole first: PostgreSQL runs one command at a time on a connection, and the accounts are written on it meanwhile.
        var customers = await db.Set<Customer>().AsNoTracking().Where(c => c.ExternalId != null).OrderBy(c => c.ExternalId)
            .Select(c => new { c.Id, c.Name, c.Email }).ToListAsync(ct);
        foreach (var customer in customers)
        {
            if (emails.Count == count)
            {
                break;
            }

            if (!seen.Add(customer.Email) || await users.FindByEmailAsync(customer.Email) is not null)
            {
                continue;
            }

            var user = new OmbudUser { UserName = customer.Email, Email = customer.Email, EmailConfirmed = true, DisplayName = customer.Name, CustomerId = customer.Id };
            user.PasswordHash = hash ??= users.PasswordHasher.HashPassword(user, password);
            Check(await users.CreateAsync(user), customer.Email);
            Check(await users.AddToRoleAsync(user, Roles.Shopper), customer.Email);
            emails.Add(customer.Email);
            progress(emails.Count);
        }

        return new ShopperAccounts(emails, password);
    }

    /// <summary>Meets Identity's rules (10+ characters, upper, lower, digit) whatever the random part holds.</summary>
    private static string NewPassword() => $"Shop-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}-a1";

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the account for {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>The accounts made, by e-mail, and the password they share.</summary>
internal sealed record ShopperAccounts(IReadOnlyList<string> Emails, string Password);
