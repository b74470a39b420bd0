using System.Net;
using System.Net.Sockets;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// What an endpoint URL may be. Beyond well-formedness, an endpoint must not point into the network Ombud runs in
/// (cloud metadata at 169.254.169.254, the database, the admin port): the name is checked at registration and every
/// address it resolves to is checked again when connecting, so a DNS answer changed later does not get around it.
/// </summary>
public static class WebhookUrl
{
    public const int MaxLength = 2000;

    /// <summary>Null when <paramref name="url"/> is acceptable, otherwise why not.</summary>
    public static string? Problem(string? url, WebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Required: the https URL that receives the events.";
        }

        if (url.Length > MaxLength)
        {
            return $"At most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
        {
            return "Not an absolute http(s) URL, e.g. https://example.com/webhooks/ombud.";
        }

        if (uri.Scheme == "http" && !options.AllowHttp)
        {
            return "Must use https: events carry customer and money data.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "Must not contain credentials or a #fragment; the signature is how the receiver knows the sender.";
        }

        if (!options.AllowPrivateNetworks && IsPrivateHost(uri))
        {
            return $"'{uri.Host}' is a local or private address; endpoints must be reachable on the public internet.";
        }

        return null;
    }

    /// <summary>True for every address that is not a public one (<see cref="PublicAddress"/>), or is this machine's own.</summary>
    public static bool IsPrivate(IPAddress address) => !PublicAddress.IsPublic(address) || PublicAddress.IsOwn(address);

    private static bool IsPrivateHost(Uri uri) =>
        uri.IsLoopback
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || IsOwnName(uri.DnsSafeHost)
        || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsPrivate(address));

    private static bool IsOwnName(string host)
    {
        var own = Dns.GetHostName();
        return string.Equals(host, own, StringComparison.OrdinalIgnoreCase)
               || host.StartsWith(own + ".", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The addresses a connection to <paramref name="host"/> may use: its public ones, none of this machine's.</summary>
    public static async Task<IPAddress[]> AllowedAddressesAsync(string host, WebhookOptions options, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = options.AllowPrivateNetworks ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"'{host}' resolves to no public address; webhooks are not sent into private networks.");
        }

        return allowed;
    }

    /// <summary>Connects only to public addresses of the host (unless private networks are allowed), for the webhook HttpClient.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, WebhookOptions options, CancellationToken cancellationToken)
    {
        var allowed = await AllowedAddressesAsync(context.DnsEndPoint.Host, options, cancellationToken);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
