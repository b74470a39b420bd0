using System.Text.Json;
using System.Text.Json.Serialization;
using Ombud.Platform;

namespace Ombud.Fraud.Rings;

/// <summary>The value of a ring's orders in one currency: all of them, and those labelled fraud (the losses).</summary>
public sealed record RingValue(string Currency, long OrdersMinor, long FraudMinor)
{
    [JsonIgnore]
    public Money Orders => new(OrdersMinor, Currency);

    [JsonIgnore]
    public Money Fraud => new(FraudMinor, Currency);
}

/// <summary>
/// Customers tied together by identities they share (a device, a shipping address, an e-mail, a phone, an IP address, a
/// payment instrument) within the detection's window of days, as the last ring detection found them: a connected component of at least the configured size with at least one
/// order labelled fraud or an open case. <see cref="Key"/> is the lowest member's id as last found; a ring stays the same
/// ring from one detection to the next while it keeps any of its members (see <see cref="RingDetection"/>), and a ring no
/// longer found is removed.
/// </summary>
public sealed class FraudRing
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FraudRing()
    {
    }

    internal FraudRing(Guid id, string key, DateTime at)
    {
        Id = id;
        Key = key;
        FirstFoundAt = at;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; } = "";

    public DateTime FirstFoundAt { get; private set; }

    public DateTime FoundAt { get; private set; }

    public int CustomerCount { get; private set; }

    public int OrderCount { get; private set; }

    public int FraudOrders { get; private set; }

    public int OpenCases { get; private set; }

    /// <summary>How many distinct identities tie the members together.</summary>
    public int SharedIdentities { get; private set; }

    /// <summary>The kinds of identity shared, in words, e.g. "device, shipping address".</summary>
    public string SharedKinds { get; private set; } = "";

    /// <summary>The window the detection linked within: two uses of an identity at most this many days apart.</summary>
    public int WindowDays { get; private set; }

    /// <summary>The earliest and latest order among the uses that tie the members together.</summary>
    public DateTime? FirstActivityAt { get; private set; }

    public DateTime? LastActivityAt { get; private set; }

    public string MembersJson { get; private set; } = "[]";

    public string ValueJson { get; private set; } = "[]";

    public IReadOnlyList<Guid> Members => JsonSerializer.Deserialize<List<Guid>>(MembersJson, Json) ?? [];

    public IReadOnlyList<RingValue> Value => JsonSerializer.Deserialize<List<RingValue>>(ValueJson, Json) ?? [];

    /// <summary>Share of the ring's orders labelled fraud, 0 to 1.</summary>
    public double FraudShare => OrderCount == 0 ? 0 : (double)FraudOrders / OrderCount;

    internal void Found(RingFinding finding, DateTime at)
    {
        Key = finding.Key;
        FoundAt = at;
        CustomerCount = finding.Members.Count;
        OrderCount = finding.Orders;
        FraudOrders = finding.FraudOrders;
        OpenCases = finding.OpenCases;
        SharedIdentities = finding.SharedIdentities;
        SharedKinds = finding.SharedKinds;
        (WindowDays, FirstActivityAt, LastActivityAt) = (finding.WindowDays, finding.FirstActivityAt, finding.LastActivityAt);
        MembersJson = JsonSerializer.Serialize(finding.Members, Json);
        ValueJson = JsonSerializer.Serialize(finding.Value, Json);
    }
}

/// <summary>What one detection found of a ring, before it is kept.</summary>
internal sealed record RingFinding(string Key, IReadOnlyList<Guid> Members, int Orders, int FraudOrders, int OpenCases, int SharedIdentities, string SharedKinds,
    IReadOnlyList<RingValue> Value, int WindowDays, DateTime FirstActivityAt, DateTime LastActivityAt);
