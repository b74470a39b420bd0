using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Platform.Auth;

/// <summary>
/// One <see cref="Caller"/> for cookies, hubs and keys: who a person acts for is put on their principal once, at
/// sign-in, and a key's merchants come from its scopes.
/// </summary>
public sealed class CallerTests
{
    private static readonly Guid AgentOfTest = Guid.Parse("0193a1b2-0000-7000-8000-00000000a9e1");

    [Fact]
    public async Task Signing_in_puts_the_customer_the_merchant_and_what_modules_add_on_the_principal()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite,
            builder => builder.Services.AddScoped<ISignInClaims, AgentFromTest>());
        var customer = Guid.CreateVersion7();
        var merchant = Guid.CreateVersion7();
        var shopper = await People.CreateAsync(app, "caller-shopper@example.se", Roles.Shopper, customerId: customer);
        var staff = await People.CreateAsync(app, "caller-merchant@example.se", Roles.Merchant, merchantId: merchant);

        var asShopper = Caller.Of(await PrincipalAsync(app, shopper))!;
        var asStaff = Caller.Of(await PrincipalAsync(app, staff))!;

        Assert.Equal((customer, $"user:{shopper.Id}", shopper.Id), (asShopper.CustomerId!.Value, asShopper.Actor, asShopper.UserId));
        Assert.Empty(asShopper.MerchantIds);
        Assert.True(asShopper.IsInRole(Roles.Shopper));
        Assert.Equal([merchant], asStaff.MerchantIds);
        Assert.Null(asStaff.CustomerId);
        Assert.Equal(AgentOfTest, asShopper.AgentId);
    }

    [Fact]
    public void A_key_speaks_for_the_merchants_of_its_scopes_and_is_named_by_its_id()
    {
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        var (key, _) = ApiKey.Create("feed", [Scopes.Ingest, Scopes.ForMerchant(first), Scopes.ForMerchant(second)], DateTime.UtcNow);

        var caller = Caller.Of(Caller.ForKey(key, "ApiKey"))!;

        Assert.Equal($"apikey:{key.Id}", caller.Actor);
        Assert.Equal(key.Id, caller.KeyId);
        Assert.Null(caller.UserId);
        Assert.Equal(new[] { first, second }.Order(), caller.MerchantIds.Order());
        Assert.True(caller.HasScope(Scopes.Ingest));
        Assert.False(caller.HasScope(Scopes.Admin));
    }

    [Fact]
    public void Nobody_signed_in_is_no_caller() =>
        Assert.Null(Caller.Of(new ClaimsPrincipal(new ClaimsIdentity())));

    [Fact]
    public void The_first_claim_of_a_kind_decides_and_a_merchant_counts_once()
    {
        var merchant = Guid.CreateVersion7();
        var later = Guid.CreateVersion7();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "person-1"),
            new Claim(ClaimTypes.NameIdentifier, "person-2"),
            new Claim(CallerClaims.Customer, "not an id"),
            new Claim(CallerClaims.Customer, Guid.CreateVersion7().ToString()),
            new Claim(CallerClaims.Merchant, merchant.ToString()),
            new Claim(CallerClaims.Merchant, "not an id"),
            new Claim(CallerClaims.Merchant.ToUpperInvariant(), merchant.ToString()),
            new Claim(CallerClaims.Merchant, later.ToString()),
        ], "Test"));

        var caller = Caller.Of(principal)!;

        // As ClaimsPrincipal.FindFirst reads them: the first of each type, types compared ignoring case.
        Assert.Equal(("user:person-1", "person-1"), (caller.Actor, caller.UserId));
        Assert.Null(caller.CustomerId);
        Assert.Null(caller.AgentId);
        Assert.Equal([merchant, later], caller.MerchantIds);
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(OmbudTestApp app, OmbudUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OmbudUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<OmbudUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(user.Id))!);
    }

    private sealed class AgentFromTest : ISignInClaims
    {
        public IReadOnlyCollection<string> ClaimTypes { get; } = [CallerClaims.Agent];

        public Task AddAsync(string userId, ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(CallerClaims.Agent, AgentOfTest.ToString()));
            return Task.CompletedTask;
        }
    }
}
