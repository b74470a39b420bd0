using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;

namespace Ombud.Tests.Web;

/// <summary>Accounts for the web tests, made with Identity's own UserManager as the product makes them.</summary>
internal static class People
{
    public const string Password = "Correct-horse-battery-9";

    public static async Task<OmbudUser> CreateAsync(OmbudTestApp app, string email, string role, Guid? customerId = null,
        Guid? merchantId = null, bool isDemo = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            Succeeded(await roles.CreateAsync(new IdentityRole(role)));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
        var user = new OmbudUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = email.Split('@')[0],
            CustomerId = customerId,
            MerchantId = merchantId,
            IsDemo = isDemo,
        };
        Succeeded(await users.CreateAsync(user, Password));
        Succeeded(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Succeeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
