using System.Net;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Platform.Privacy;

/// <summary>Where people find their data rights: the shopper's "Download my data", the admin's customer data page (admins only).</summary>
public sealed class DataRightsPageTests
{
    [Fact]
    public async Task The_shopper_home_offers_Download_my_data_and_only_admins_open_the_customer_data_page()
    {
        await using var app = await OmbudTestApp.StartAsync(Provider.Sqlite);
        await DemoCustomer.CreateAsync(app);
        await People.CreateAsync(app, "privacy-admin@example.se", Roles.Admin);

        var shopper = new WebSession(app);
        await shopper.SignInAsync(DemoCustomer.SignInEmail, People.Password);
        var home = await shopper.GetPageAsync("/shopper");
        Assert.Contains("Download my data", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/shopper/data-export\"", home, StringComparison.Ordinal);
        var denied = await shopper.GetAsync("/admin/customers");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);

        var admin = new WebSession(app);
        await admin.SignInAsync("privacy-admin@example.se", People.Password);
        var page = await admin.GetPageAsync("/admin/customers");
        Assert.Contains("Customer id", page, StringComparison.Ordinal);
        Assert.Contains("Export…", page, StringComparison.Ordinal);
        Assert.Contains("Erase…", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/customers\"", await admin.GetPageAsync("/admin"), StringComparison.Ordinal);
    }
}
