using Ombud.Bench.Ingest.Api;
using Ombud.Bench.Ingest.Fakes;

namespace Ombud.Bench.Ingest.Seeding;

/// <summary>
/// What orders reuse about a customer. Repeating the same contact details, devices and address is what lets the
/// server's risk and matching code see returning customers instead of noise.
/// </summary>
internal sealed record SeededCustomer(
    Guid Id,
    Market Market,
    string Email,
    string Phone,
    AddressPayload Home,
    IReadOnlyList<string> Devices,
    string IpAddress);
