using System.Net;
using System.Text.RegularExpressions;

namespace Ombud.Bench.Assistant.Chat;

/// <summary>
/// A shopper signed in the way a browser does it: the sign-in page for its antiforgery token, then the form post,
/// which answers with a redirect and the auth cookie. Every conversation's connection carries these cookies.
/// </summary>
internal static partial class ShopperSession
{
    public static async Task<CookieContainer> SignInAsync(Uri baseUrl, string email, string password, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        var page = await http.GetStringAsync("signin", ct);
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page carries no antiforgery token.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        using var response = await http.PostAsync("account/signin", form, ct);
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || location.Contains("signin", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Signing in as {email} failed ({(int)response.StatusCode}, to '{location}'): is it a shopper account of this server?");
        }

        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
