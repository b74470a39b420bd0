using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Fraud.Scoring;
using Ombud.Platform;

namespace Ombud.Fraud.Links;

/// <summary>What a node of the link graph stands for.</summary>
public enum LinkNodeKind
{
    Order,
    Customer,
    Device,
    IpAddress,
    Email,
    Phone,
    ShippingAddress,
    PaymentInstrument,
}

/// <summary>
/// One node. <see cref="Id"/> is stable within the graph and carries no personal data (<c>order:&lt;id&gt;</c>,
/// <c>customer:&lt;id&gt;</c>, <c>email:3</c>); <see cref="Label"/> is what a specialist reads, masked for identities.
/// </summary>
public sealed record LinkNode(string Id, LinkNodeKind Kind, string Label, Guid? OrderId = null, Guid? CustomerId = null);

/// <summary>An order tied to a customer or to an identity it carries.</summary>
public sealed record LinkEdge(string From, string To);

/// <summary>
/// A linked order and what is known of it: its status and amount, its fraud label (true fraud, false legitimate,
/// null not labelled), its latest risk decision, the open case on it if any, and how many identity steps it lies from
/// where the graph started (0: the start itself).
/// </summary>
public sealed record LinkedOrderView(
    string NodeId,
    Guid OrderId,
    string? Reference,
    Guid CustomerId,
    string CustomerName,
    DateTime PlacedAt,
    OrderStatus Status,
    Money Total,
    bool? IsFraud,
    RiskOutcome? Decision,
    Guid? OpenCaseId,
    int Hop);

/// <summary>One identity in the graph, masked, with the orders and customers that carry it.</summary>
public sealed record LinkedIdentity(string NodeId, LinkNodeKind Kind, string Masked, IReadOnlyList<Guid> OrderIds, IReadOnlyList<string> Customers,
    int FraudOrders, int OpenCases);

/// <summary>
/// Everything linked to a starting point through shared customers and identities, up to <see cref="Depth"/> steps
/// and at most <see cref="MaxNodes"/> nodes (<see cref="Truncated"/> when more were there).
/// </summary>
public sealed record LinkGraph(
    int Depth,
    int MaxNodes,
    bool Truncated,
    IReadOnlyList<string> Start,
    IReadOnlyList<LinkNode> Nodes,
    IReadOnlyList<LinkEdge> Edges,
    IReadOnlyList<LinkedOrderView> Orders,
    IReadOnlyList<LinkedIdentity> Identities);

internal static class LinkKinds
{
    public static LinkNodeKind Node(this SharedIdentifier kind) => kind switch
    {
        SharedIdentifier.Device => LinkNodeKind.Device,
        SharedIdentifier.IpAddress => LinkNodeKind.IpAddress,
        SharedIdentifier.Email => LinkNodeKind.Email,
        SharedIdentifier.Phone => LinkNodeKind.Phone,
        SharedIdentifier.PaymentInstrument => LinkNodeKind.PaymentInstrument,
        _ => LinkNodeKind.ShippingAddress,
    };

    public static string Words(this LinkNodeKind kind) => kind switch
    {
        LinkNodeKind.Order => "order",
        LinkNodeKind.Customer => "customer",
        LinkNodeKind.Device => "device",
        LinkNodeKind.IpAddress => "IP address",
        LinkNodeKind.Email => "e-mail",
        LinkNodeKind.Phone => "phone",
        LinkNodeKind.PaymentInstrument => "payment instrument",
        _ => "shipping address",
    };

    public static string Words(this SharedIdentifier kind) => kind.Node().Words();
}
