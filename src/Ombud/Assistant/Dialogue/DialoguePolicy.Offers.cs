using Ombud.Disputes;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// Acting on money only after a yes. Every action that pauses payments or opens a case is first offered: the order,
/// the amount, what the shopper does next, and a question. Only a whole-message yes acts, and only after the order is
/// checked again against this turn's data (a report opened, a payment or refund made, the order cancelled since the
/// offer: nothing is done and the reply says what changed). A no changes nothing and says so; anything else lets the
/// offer lapse and is answered as a new message, with a note that nothing was done.
/// </summary>
internal sealed partial class DialoguePolicy
{
    /// <summary>A return the shopper has yet to send: the how-to, and a pause offered once it is on its way.</summary>
    private const string ReturnToCome = "return_to_come";

    private static readonly Dictionary<DisputeReason, string> Intents = new()
    {
        [DisputeReason.GoodsOrServiceNotReceived] = "not_received",
        [DisputeReason.DefectiveOrNotAsDescribed] = "defective_item",
        [DisputeReason.IncorrectAmount] = "wrong_amount",
    };

    /// <summary>The orders an action may be taken on.</summary>
    private static Func<OrderFact, bool> Eligible(string intent) => intent switch
    {
        "report_return" or ReturnToCome => Returnable,
        "not_received" => o => o.Order.Status is Commerce.OrderStatus.Placed or Commerce.OrderStatus.Shipped,
        "defective_item" => o => o.Order.Status is Commerce.OrderStatus.Delivered or Commerce.OrderStatus.Shipped or Commerce.OrderStatus.PartiallyReturned,
        _ => o => o.Order.Status != Commerce.OrderStatus.Cancelled,
    };

    /// <summary>States what will happen and asks; the pending offer carries the amount shown, so a yes acts on that or not at all.</summary>
    private static Decision Offer(Turn turn, string intent, OrderFact order, string? carrier = null, string? tracking = null, string? facts = null)
    {
        var key = "offer-" + intent.Replace('_', '-');
        var said = turn.Reading.Text;
        return new Decision(key, $"{facts}{turn.Say(key, order.MerchantName, order.Reference, order.Unpaid)} {turn.Say("offer-ask")}".TrimStart())
        {
            Ask = new PendingQuestion(PendingQuestion.Confirm, intent, [order.Id], Cost: order.Unpaid.Minor,
                Said: said.Length > 500 ? said[..500] : said, Carrier: carrier, TrackingNumber: tracking),
            DataUsed = [$"order {order.Reference}: {order.Order.Status}, unpaid {order.Unpaid}"],
        };
    }

    /// <summary>The answer to an offer: a yes (acted on after checking again), a no, or null for anything else.</summary>
    private async Task<Decision?> AnswerOfferAsync(Turn turn, PendingQuestion offer, CancellationToken ct)
    {
        var text = turn.Reading.Text;
        var yes = Answers.IsYes(text);
        if (!yes && !Answers.IsNo(text))
        {
            return null;
        }

        if (offer.Orders.Count == 0 || turn.Facts.Order(offer.Orders[0]) is not { } order)
        {
            return new Decision("offer-stale", turn.Say("offer-gone")) { DataUsed = ["the offered order is no longer among the shopper's"] };
        }

        if (!yes)
        {
            return new Decision("offer-declined", turn.Say("offer-declined", order.MerchantName, order.Reference))
            {
                DataUsed = [$"no to offer: {offer.Intent} on order {order.Reference}"],
            };
        }

        if (Changed(turn, offer, order) is { } change)
        {
            return new Decision("offer-stale", turn.Say("offer-stale", order.MerchantName, order.Reference, change))
            {
                DataUsed = [$"yes to offer: {offer.Intent} on order {order.Reference}, changed since: {order.Order.Status}, unpaid {order.Unpaid}, " +
                    $"open report {order.OpenDispute?.Id.ToString() ?? "none"}"],
            };
        }

        var decision = await ByIntentAsync(turn, offer.Intent, order, ct, confirmed: true);
        return decision with { DataUsed = [$"yes to offer: {offer.Intent} on order {order.Reference}", .. decision.DataUsed] };
    }

    /// <summary>What changed on the order since it was offered, in words; null when it is as the shopper was told.</summary>
    private static string? Changed(Turn turn, PendingQuestion offer, OrderFact order)
    {
        if (order.OpenDispute is not null)
        {
            return turn.Say("changed-open", order.OpenDispute.ReportedAt);
        }

        if (!Eligible(offer.Intent)(order))
        {
            return turn.Say("changed-status");
        }

        if (order.Unpaid.IsZero)
        {
            return turn.Say("changed-paid");
        }

        return order.Unpaid.Minor != offer.Cost ? turn.Say("changed-amount", order.Unpaid) : null;
    }

    private static string Lapsed(Turn turn, PendingQuestion offer) =>
        offer.Orders.Count > 0 && turn.Facts.Order(offer.Orders[0]) is { } order ? turn.Say("offer-lapsed", order.MerchantName, order.Reference) : "";

    /// <summary>Thanks, "ok", "how are you": a polite answer; an offer or a question left open stays open (and an offer is asked again).</summary>
    private static Decision SmallTalk(Turn turn, string talk)
    {
        if (turn.Pending is { Kind: PendingQuestion.Confirm } offer && offer.Orders.Count > 0 && turn.Facts.Order(offer.Orders[0]) is { } order)
        {
            return new Decision("offer-reminder", turn.Say("offer-reminder", order.MerchantName, order.Reference)) { Ask = offer };
        }

        return new Decision($"small-talk-{talk}", turn.Say(talk switch { "thanks" => "thanks", "ok" => "ok-noted", _ => "small-talk" })) { Ask = turn.Pending };
    }

    /// <summary>"I want to return it": how returns work, and the pause offered once the parcel is on its way (nothing paused now).</summary>
    private Decision HowToReturn(Turn turn, OrderFact order)
    {
        var how = knowledge.Find("returns", turn.Language)?.Summary(1) ?? "";
        var key = order.Unpaid.IsZero ? "return-to-come-paid-off" : "return-to-come";
        return new Decision("return-how-to", $"{how} {turn.Say(key, order.MerchantName, order.Reference, order.Unpaid)}".TrimStart())
        {
            DataUsed = [$"order {order.Reference}: {order.Order.Status}, unpaid {order.Unpaid}", "article returns"],
        };
    }

    /// <summary>"Charged twice": two payments of the same amount on the order are looked for before anything is offered.</summary>
    private async Task<Decision> ChargedTwiceAsync(Turn turn, OrderFact order, bool confirmed, CancellationToken ct)
    {
        if (confirmed || order.OpenDispute is not null || IsLarge(order.Order.Total))
        {
            return await ReportAsync(turn, order, DisputeReason.IncorrectAmount, "reported-wrong-amount", confirmed, ct);
        }

        var payments = await orders.PaymentsAsync(turn.Facts.CustomerId, order.Id, ct);
        var seen = payments.Count == 0
            ? turn.Say("payments-none")
            : string.Join(", ", payments.Select(p => $"{turn.Words.Money(p.Amount)} ({turn.Words.Date(p.ReceivedAt)})"));
        IReadOnlyList<string> used = [$"order {order.Reference}: {payments.Count} payment(s): {string.Join(", ", payments.Select(p => p.Amount))}"];
        if (payments.GroupBy(p => p.Amount).FirstOrDefault(g => g.Count() > 1) is not { } twice)
        {
            return new Decision("charged-twice-not-found", turn.Say("charged-twice-not-found", order.MerchantName, order.Reference, seen)) { DataUsed = used };
        }

        var offer = Offer(turn, "charged_twice", order, facts: turn.Say("charged-twice-found", order.MerchantName, order.Reference, twice.Key, seen) + " ");
        return offer with { DataUsed = [.. used, .. offer.DataUsed] };
    }
}
