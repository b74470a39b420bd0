using System.Net;
using Ombud.Platform.Webhooks;

namespace Ombud.Tests.Platform.Webhooks;

/// <summary>Finding 5: the webhook address check allows the global unicast space and nothing of the special-purpose registries.</summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("192.0.2.10")] // documentation
    [InlineData("198.18.0.1")] // benchmarking
    [InlineData("198.19.255.254")]
    [InlineData("192.0.0.8")] // IETF protocol assignments
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("192.88.99.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("10.1.2.3")]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::a00:1")] // local-use NAT64
    [InlineData("2002:a9fe:a9fe::1")] // 6to4 of 169.254.169.254
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("::a9fe:a9fe")] // IPv4-compatible
    [InlineData("::ffff:10.0.0.1")] // IPv4-mapped private
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00::2")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    [InlineData("100::1")] // discard-only
    public void Special_purpose_addresses_are_not_public(string address) =>
        Assert.True(WebhookUrl.IsPrivate(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("1.1.1.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82b::200e")]
    public void Global_unicast_addresses_are_public(string address) =>
        Assert.False(WebhookUrl.IsPrivate(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("https://192.0.2.10/hook")]
    [InlineData("https://198.18.0.1/hook")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("https://[2002:a9fe:a9fe::1]/hook")]
    [InlineData("https://[::a9fe:a9fe]/hook")]
    public void Registering_such_an_address_is_refused(string url) =>
        Assert.NotNull(WebhookUrl.Problem(url, new WebhookOptions()));

    [Fact]
    public async Task The_nodes_own_host_name_is_refused_at_registration_and_when_connecting()
    {
        var own = Dns.GetHostName();

        Assert.NotNull(WebhookUrl.Problem($"https://{own}/hook", new WebhookOptions()));
        await Assert.ThrowsAsync<HttpRequestException>(() => WebhookUrl.AllowedAddressesAsync(own, new WebhookOptions(), CancellationToken.None));
    }

    [Fact]
    public void Every_address_of_the_nodes_own_interfaces_is_refused()
    {
        var own = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToList();

        Assert.NotEmpty(own);
        Assert.All(own, a => Assert.True(WebhookUrl.IsPrivate(a), a.ToString()));
    }
}
