using Ombud.Assistant.Dialogue;
using Ombud.Commerce.Contracts;
using Ombud.Disputes.Contracts;

namespace Ombud.Assistant.Chat;

/// <summary>
/// What the "Talk to a person" button reads of the shopper: the button decides the hand-off by itself, so its turn needs no
/// orders, plans or refunds to understand or act on. It needs the shopper's name, language and market (the reply) and,
/// for the person's brief, how many orders the account has and how many of them are disputed. When the conversation's
/// facts are kept from an earlier turn they serve as they are; otherwise three light reads (the profile, the latest
/// orders' ids, the disputes) stand in for the full load's seven (orders with their plans, lines and instalments,
/// merchants, refunds), and what they read is not kept for the conversation's later turns.
/// </summary>
/// <remarks>
/// Dispatch reads what it needs for the place's urgency (an open dispute's regulatory clock, vulnerability, fraud) from
/// the hand-off's reason and the shopper's disputes itself (<c>Marketplace.Dispatch.HandOffArrivals</c>). A button pressed
/// while the assistant's offer about one order was pending names that order in the brief only with kept facts.
/// </remarks>
internal static class PersonRequestFacts
{
    /// <summary>The facts for a button's turn, and whether they were kept ones; null facts for a customer that does not exist.</summary>
    public static async Task<(CustomerFacts? Facts, bool Kept)> ReadAsync(ConversationFacts kept, CustomerOrders orders, CustomerDisputes disputes,
        Guid conversationId, Guid customerId, CancellationToken ct)
    {
        if (kept.IfKept(conversationId, customerId) is { } facts)
        {
            return (facts, true);
        }

        if (await orders.ProfileAsync(customerId, ct) is not { } customer)
        {
            return (null, false);
        }

        var latest = await orders.LatestIdsAsync(customerId, CustomerFacts.LatestOrders, ct);
        // As the full load judges an order: by its latest dispute.
        var latestDispute = (await disputes.OfCustomerAsync(customerId, ct)).GroupBy(d => d.OrderId).ToDictionary(g => g.Key, g => g.First());
        var disputed = latest.Count(id => latestDispute.TryGetValue(id, out var dispute) && dispute.IsOpen);
        return (new CustomerFacts(customerId, customer.Name, customer.Locale, customer.Market, [])
        {
            Counted = new CustomerFacts.OrderCounts(latest.Count, disputed),
        }, false);
    }
}
