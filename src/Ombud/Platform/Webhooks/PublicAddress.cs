using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// Deny by default: an address is public only if it lies in the global unicast space (IPv4 1.0.0.0–223.255.255.255,
/// IPv6 2000::/3) and in no block of the IANA IPv4 and IPv6 Special-Purpose Address Registries that is not globally
/// reachable, nor in a block that embeds an IPv4 address (6to4, Teredo, NAT64, IPv4-compatible), which could smuggle a
/// private one. IPv4-mapped IPv6 is judged as the IPv4 address it carries.
/// </summary>
public static class PublicAddress
{
    private static readonly IPNetwork[] NotGlobal =
    [
        // IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates), blocks not globally reachable.
        IPNetwork.Parse("0.0.0.0/8"), // "this network"
        IPNetwork.Parse("10.0.0.0/8"), // private use
        IPNetwork.Parse("100.64.0.0/10"), // shared address space (CGN)
        IPNetwork.Parse("127.0.0.0/8"), // loopback
        IPNetwork.Parse("169.254.0.0/16"), // link local (cloud metadata)
        IPNetwork.Parse("172.16.0.0/12"), // private use
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"), // documentation TEST-NET-1
        IPNetwork.Parse("192.88.99.0/24"), // deprecated 6to4 relay anycast
        IPNetwork.Parse("192.168.0.0/16"), // private use
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation TEST-NET-2
        IPNetwork.Parse("203.0.113.0/24"), // documentation TEST-NET-3
        IPNetwork.Parse("240.0.0.0/4"), // reserved, and 255.255.255.255 limited broadcast

        // IANA IPv6 Special-Purpose Address Registry, inside 2000::/3.
        IPNetwork.Parse("2001::/23"), // IETF protocol assignments, Teredo 2001::/32 among them
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("2002::/16"), // 6to4, embeds an IPv4 address
        IPNetwork.Parse("3fff::/20"), // documentation
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            // Below 224: unicast; 224.0.0.0/4 multicast and everything above is never a webhook receiver.
            return address.GetAddressBytes()[0] < 224 && !NotGlobal.Any(n => n.Contains(address));
        }

        // Outside 2000::/3 lie loopback, unspecified, IPv4-compatible, NAT64 (64:ff9b::/96), unique local, link local,
        // multicast and the rest; the scope id of a link-local address does not matter then.
        return address.AddressFamily == AddressFamily.InterNetworkV6
               && GlobalUnicastV6.Contains(address)
               && !NotGlobal.Any(n => n.Contains(address));
    }

    /// <summary>The addresses of this machine's own interfaces: a webhook must not call back into the node.</summary>
    public static bool IsOwn(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Any(u => u.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
