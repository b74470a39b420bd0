namespace Ombud.Web.Account;

/// <summary>Where a sign-in may send the browser afterwards: only a path on this site, never another host.</summary>
internal static class LocalUrl
{
    /// <summary>The same rules as ASP.NET Core's <c>IUrlHelper.IsLocalUrl</c>: "/x" yes; "//host", "/\host", "http://…" no.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length == 1)
        {
            return true;
        }

        // "//evil.example" and "/\evil.example" are read by browsers as another host.
        if (url[1] is '/' or '\\')
        {
            return false;
        }

        return !url.Any(char.IsControl);
    }

    /// <summary>
    /// The local URL as it may go into a Location header: characters outside ASCII percent-encoded (a header holds
    /// ASCII only), with "/" for anything not local.
    /// </summary>
    public static string OrHome(string? url)
    {
        if (!IsLocal(url))
        {
            return "/";
        }

        var escaped = new Uri(Origin, url);
        return escaped.Host == Origin.Host ? escaped.PathAndQuery + escaped.Fragment : "/";
    }

    private static readonly Uri Origin = new("http://ombud.invalid/");
}
