using System.Net;

namespace Ombud.Bench.Ingest.Cli;

/// <summary>
/// The one place a target is accepted. Loopback only: this tool floods whatever it points at, and on the machines
/// it runs on anything beyond the local host is someone else's.
/// </summary>
internal static class TargetUrl
{
    public static string? Check(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"--url must be an absolute http(s) URL, got '{url}'.";
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "--url must not carry a query or fragment.";
        }

        return IsLoopback(uri) ? null : $"--url must point at a loopback address (127.0.0.0/8, [::1] or localhost), got '{uri.Host}'.";
    }

    /// <summary>A trailing slash makes relative API paths resolve under any path prefix the server is mounted at.</summary>
    public static Uri Normalise(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback
        || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
