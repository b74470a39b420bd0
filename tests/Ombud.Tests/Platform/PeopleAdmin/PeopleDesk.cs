using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Platform.PeopleAdmin;

/// <summary>The admin's side of the people API, and the invitee's welcome page, as a browser and an admin use them.</summary>
internal static partial class PeopleDesk
{
    public static readonly Uri Users = new("/api/v1/admin/users", UriKind.Relative);

    public static Uri Of(string path) => new(path, UriKind.Relative);

    /// <summary>Invites a person and answers the invitation: the person's id and their link, relative to the site.</summary>
    public static async Task<(string Id, string Link)> InviteAsync(HttpClient admin, string email, params string[] roles)
    {
        var response = await admin.PostAsJsonAsync(Users, new { email, name = email.Split('@')[0], roles });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var link = new Uri(body.GetProperty("link").GetString()!);
        return (body.GetProperty("person").GetProperty("id").GetString()!, link.PathAndQuery);
    }

    /// <summary>A fresh browser opens the link and posts the welcome form; answers the response to the post.</summary>
    public static async Task<HttpResponseMessage> SetPasswordAsync(WebSession browser, string link, string password, string? confirmation = null)
    {
        await browser.GetPageAsync(link);
        return await browser.PostFormAsync(link, new Dictionary<string, string>
        {
            ["_handler"] = "welcome", ["Password"] = password, ["Confirmation"] = confirmation ?? password,
        });
    }

    /// <summary>A browser session of an admin person, with the page token that cookie-borne API writes carry.</summary>
    public static async Task<WebSession> AdminAsync(OmbudTestApp app, string email)
    {
        await Web.People.CreateAsync(app, email, Roles.Admin);
        return await SignedInAsync(app, email);
    }

    public static async Task<WebSession> SignedInAsync(OmbudTestApp app, string email, string password = Web.People.Password)
    {
        var browser = new WebSession(app);
        var signedIn = await browser.SignInAsync(email, password);
        Assert.Equal("/", WebSession.Location(signedIn));
        await browser.SendPageTokenAsync();
        return browser;
    }

    public static async Task<string> StatusAsync(HttpClient admin, string id, string email)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>(Of($"/api/v1/admin/users?q={Uri.EscapeDataString(email)}"));
        return page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id).GetProperty("status").GetString()!;
    }

    /// <summary>The actions audited on a person, in name order: the test clock stands still, so their ids do not tell the order.</summary>
    public static async Task<List<string>> AuditAsync(OmbudTestApp app, string userId) =>
        (await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Subject == $"user:{userId}").Select(a => a.Action).ToListAsync()))
            .Order(StringComparer.Ordinal).ToList();

    public static Task<bool> HasPasswordAsync(OmbudTestApp app, string id) =>
        app.WithDbAsync(async db => await db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash != null).SingleAsync());

    /// <summary>The text of a page, without its markup, for asserting on what a person reads.</summary>
    public static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
