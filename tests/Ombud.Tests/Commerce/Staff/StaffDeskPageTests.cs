using System.Net;
using Ombud.Marketplace;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Commerce.Staff;

/// <summary>The staff desk's pages as served: search, the customer page with every module's part, the list of all disputes; not for a gig agent.</summary>
public sealed class StaffDeskPageTests
{
    [Fact]
    public async Task A_staff_agent_finds_a_customer_by_order_reference_opens_them_and_lists_disputes_a_gig_agent_cannot()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        var world = await StaffDeskTests.UlrikaAsync(app);
        await StaffPeople.AgentAsync(app, world.Parties, "per.staff@example.se", AgentTier.Staff);
        await StaffPeople.AgentAsync(app, world.Parties, "elin.pro@example.se", AgentTier.Pro);

        var staff = new WebSession(app);
        await staff.SignInAsync("per.staff@example.se", People.Password);
        var home = await staff.GetPageAsync("/agent");
        Assert.Contains("href=\"/staff/customers\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/disputes/all\"", home, StringComparison.Ordinal);

        var found = await staff.GetPageAsync("/staff/customers?q=ORD-7731");
        Assert.Contains($"href=\"/staff/customers/{world.Customer}\"", found, StringComparison.Ordinal);
        Assert.Contains("Ulrika Lindqvist", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Bengt Ek", found, StringComparison.Ordinal);

        var customer = await staff.GetPageAsync($"/staff/customers/{world.Customer}");
        Assert.Contains("ulrika.l@example.se", customer, StringComparison.Ordinal);
        Assert.Contains("ORD-7731", customer, StringComparison.Ordinal);
        Assert.Contains($"href=\"/disputes/review/{world.Dispute}\"", customer, StringComparison.Ordinal);
        Assert.Contains("Conversations", customer, StringComparison.Ordinal);
        Assert.Contains("Who has read this customer", customer, StringComparison.Ordinal);

        var all = await staff.GetPageAsync("/disputes/all?state=reported");
        Assert.Contains($"href=\"/disputes/review/{world.Dispute}\"", all, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/disputes/review/{world.Dispute}\"", await staff.GetPageAsync("/disputes/all?state=closed"), StringComparison.Ordinal);
        Assert.Contains("state: One of", await staff.GetPageAsync("/disputes/all?state=lost"), StringComparison.Ordinal);

        var gig = new WebSession(app);
        await gig.SignInAsync("elin.pro@example.se", People.Password);
        Assert.DoesNotContain("href=\"/staff/customers\"", await gig.GetPageAsync("/agent"), StringComparison.Ordinal);
        foreach (var path in new[] { "/staff/customers?q=ORD-7731", $"/staff/customers/{world.Customer}", "/disputes/all" })
        {
            var refused = await gig.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/denied", WebSession.Location(refused), StringComparison.Ordinal);
        }
    }
}
