using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Disputes.Contracts;
using Ombud.Platform;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// What the assistant may know in a turn: the signed-in shopper's own orders, plans, refunds and open disputes, and
/// nothing of anyone else's, read through Commerce's and Disputes' read services. Every entity and every answer is
/// looked up in here, so another customer's order number can match nothing, and a reply can only ever quote this
/// shopper's data.
/// </summary>
/// <remarks>
/// The balances load with the rest (<see cref="Balances"/>): a turn reads its facts before it queues to write, so a
/// balance answered from them costs the node's one writer nothing, where reading it in the policy took three
/// statements inside the write gate; kept facts are as fresh as <see cref="ConversationFacts"/> keeps them, the same
/// rule the next payment, orders and refunds are answered by.
/// </remarks>
internal sealed record CustomerFacts(Guid CustomerId, string Name, string Locale, string Market, IReadOnlyList<OrderFact> Orders)
{
    /// <summary>How many of the customer's latest orders a turn reads.</summary>
    public const int LatestOrders = 50;

    /// <summary>The shopper's balances per currency as loaded with the facts; null when they were not.</summary>
    public KeptBalances? Balances { get; init; }

    /// <summary>
    /// Six statements: the profile; the orders with their lines, every plan with its instalments (the orders' schedules
    /// and the balances from one read), the refunds and what was paid over; the disputes.
    /// </summary>
    public static async Task<CustomerFacts?> LoadAsync(CustomerOrders orders, CustomerDisputes disputes, TimeProvider clock, Guid customerId,
        CancellationToken ct) =>
        await orders.ProfileAsync(customerId, ct) is { } customer ? await LoadAsync(customer, orders, disputes, clock, ct) : null;

    /// <summary>The facts of a customer whose profile was just read (a conversation's start): five statements.</summary>
    public static async Task<CustomerFacts> LoadAsync(CustomerProfile customer, CustomerOrders orders, CustomerDisputes disputes, TimeProvider clock,
        CancellationToken ct)
    {
        var customerId = customer.Id;
        // What is overdue depends on the day: the balances are worked out for the day the facts are read on, and a turn
        // on a later day reads them again (BalancesOn).
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (latest, balances) = await orders.LatestWithBalancesAsync(customerId, LatestOrders, day, ct);
        var byOrder = (await disputes.OfCustomerAsync(customerId, ct)).ToLookup(d => d.OrderId);
        return new CustomerFacts(customerId, customer.Name, customer.Locale, customer.Market,
            [.. latest.Select(o => new OrderFact(o, byOrder[o.Id].FirstOrDefault()))])
        {
            Balances = new KeptBalances(day, balances),
        };
    }

    /// <summary>The balances loaded with the facts if they were counted on <paramref name="today"/>; else null, to be read.</summary>
    public IReadOnlyList<CustomerBalance>? BalancesOn(DateOnly today) => Balances is { } kept && kept.Day == today ? kept.Balances : null;

    public OrderFact? Order(Guid id) => Orders.FirstOrDefault(o => o.Id == id);

    /// <summary>Orders on the account (the latest, as many as <see cref="LoadAsync"/> reads), with or without their details.</summary>
    public int OrderCount => Counted?.Orders ?? Orders.Count;

    /// <summary>How many of those orders have an open dispute.</summary>
    public int OrdersWithOpenDispute => Counted?.WithOpenDispute ?? Orders.Count(o => o.OpenDispute is not null);

    /// <summary>
    /// Set only for facts read for a hand-off and nothing else (<see cref="Chat.PersonRequestFacts"/>): the orders are counted,
    /// not read, and <see cref="Orders"/> is empty. Such facts are never kept for the conversation's later turns.
    /// </summary>
    public OrderCounts? Counted { get; init; }

    /// <summary>How many of the latest orders there are, and how many of them have an open dispute.</summary>
    public sealed record OrderCounts(int Orders, int WithOpenDispute);
}

/// <summary>Balances per currency (<see cref="CustomerAccounts.BalancesAsync"/>) and the day their overdue part was counted on.</summary>
internal sealed record KeptBalances(DateOnly Day, IReadOnlyList<CustomerBalance> Balances);

/// <summary>One of the shopper's orders with what happened to it since.</summary>
internal sealed record OrderFact(OrderSummary Order, DisputeSummary? LatestDispute)
{
    public Guid Id => Order.Id;

    public string MerchantName => Order.MerchantName;

    public IReadOnlyList<RefundSummary> Refunds => Order.Refunds;

    /// <summary>How the shopper knows the order: the merchant's order number, else the first eight characters of its id.</summary>
    public string Reference => Order.ExternalId ?? Order.Id.ToString("N")[..8];

    public DisputeSummary? OpenDispute => LatestDispute is { IsOpen: true } open ? open : null;

    public Money Refunded => new(Refunds.Sum(r => r.Amount.Minor), Order.Currency);

    /// <summary>"Nordljud Elektronik, Wireless headphones, 1,348.00 SEK, 2026-10-29 (NL-10001)": enough to pick it from a list.</summary>
    /// <remarks>The amount and date as <paramref name="words"/> writes them; the neutral English form without.</remarks>
    public string Describe(Wording? words = null) =>
        $"{MerchantName}, {string.Join(" + ", Order.Lines.Take(2).Select(l => l.Description))}{(Order.Lines.Count > 2 ? " …" : "")}, " +
        $"{words?.Money(Order.Total) ?? Order.Total.ToString()}, {words?.Date(Order.PlacedAt) ?? Phrases.Date(Order.PlacedAt)} ({Reference})";

    /// <summary>What is still to pay on the order, paused or not: what a report would pause.</summary>
    public Money Unpaid => new(Order.Plan.Instalments.Sum(i => i.Remaining.Minor), Order.Currency);
}
