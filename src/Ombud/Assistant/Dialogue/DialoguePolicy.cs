using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Ombud.Assistant.Actions;
using Ombud.Assistant.Knowledge;
using Ombud.Commerce;
using Ombud.Conversations;
using Ombud.Disputes;
using Ombud.Disputes.Contracts;
using Ombud.Platform;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// Decides each turn by rules tried in a fixed order, so the same message on the same data always gets the same
/// decision and every decision names its rule. First the rules that protect the shopper (a person on request, a
/// conversation already with a person, vulnerability, instructions smuggled into a message, fraud, large amounts,
/// anger), then an open question, then the intent. Actions go through <see cref="DisputeActions"/>, the same rules as
/// the API; what the policy cannot do, it says so and offers a person.
/// </summary>
internal sealed partial class DialoguePolicy(DisputeActions disputes, CustomerAccounts accounts, KnowledgeBase knowledge,
    IOptions<AssistantOptions> options, DifficultyTalk difficulty, Commerce.Contracts.CustomerOrders orders)
{
    private AssistantOptions Options => options.Value;

    public async Task<Decision> DecideAsync(Turn turn, CancellationToken ct)
    {
        var reading = turn.Reading;
        if (turn.Button)
        {
            return HandOff(turn, HandOffReason.Button, "human-button", "handoff-requested");
        }

        if (reading.HumanPhrase is null && !turn.HandedOff && Answers.SmallTalk(reading.Text) is { } talk)
        {
            // Thanks, an "ok", a "how are you": answered politely, never a hand-off, and any open question stays open.
            return SmallTalk(turn, talk);
        }

        // A bare yes or no to the question just asked ("yes please", "ja bitte") answers it; the person-request checks must
        // not read the "please" in it as a wish for a person.
        var answersQuestion = turn.Pending is not null && (Answers.IsYes(reading.Text) || Answers.IsNo(reading.Text));
        if (!answersQuestion && (reading.HumanPhrase is not null || IsConfident(reading, "human_agent")))
        {
            // Asked for a person while talking about paying: someone with the financial-difficulty skill.
            return HandOff(turn, turn.Pending is { Kind: PendingQuestion.AdjustPlan } ? HandOffReason.FinancialDifficulty : HandOffReason.Requested,
                "human-requested", "handoff-requested");
        }

        if (turn.HandedOff)
        {
            return new Decision("waiting-for-person", turn.Say("waiting", turn.QueuePosition ?? 1));
        }

        if (reading.VulnerabilityPhrase is not null)
        {
            // Money trouble alone goes to a person with the financial-difficulty skill; bereavement, illness and the like to the vulnerable-customers one.
            var handOff = Understanding.Signals.PersonalHardship.FirstMatch(reading.Text) is null
                ? HandOff(turn, HandOffReason.FinancialDifficulty, "financial-difficulty", "handoff-vulnerability")
                : HandOff(turn, HandOffReason.Vulnerability, "vulnerability", "handoff-vulnerability");
            return handOff with { Reply = handOff.Reply + await difficulty.DisclosedAsync(turn, ct) };
        }

        if (turn.Pending is { Kind: PendingQuestion.AdjustPlan } proposed)
        {
            return await difficulty.AnswerAsync(turn, proposed, ct);
        }

        if (turn.Pending is { Kind: PendingQuestion.Confirm } offer)
        {
            if (await AnswerOfferAsync(turn, offer, ct) is { } answered)
            {
                return answered;
            }

            // Something else: the offer lapses (nothing was done, and the reply says so) and the message is answered as new.
            var next = await DecideAsync(turn with { Pending = null }, ct);
            return next with { Reply = $"{Lapsed(turn, offer)} {next.Reply}".TrimStart() };
        }

        if (reading.DifficultyPhrase is not null)
        {
            return await difficulty.OfferAsync(turn, ct);
        }

        if (reading.InjectionPhrase is not null)
        {
            return new Decision("injection-guard", turn.Say("injection"));
        }

        if (reading.FraudPhrase is not null || IsConfident(reading, "unauthorised_purchase"))
        {
            return await FraudClaimAsync(turn, null, false, ct);
        }

        if (reading.Entities.Amount is { } amount && IsLarge(amount))
        {
            return HandOff(turn, HandOffReason.LargeAmount, "large-amount", "handoff-large-amount") with { DataUsed = [$"amount {amount}"] };
        }

        if (Understanding.SentimentScorer.IsRisingFrustration(turn.Sentiments))
        {
            return HandOff(turn, HandOffReason.Frustration, "rising-frustration", "handoff-frustration");
        }

        if (turn.Pending is { } pending && await AnswerToQuestionAsync(turn, pending, ct) is { } answer)
        {
            return answer;
        }

        if (Answers.IsLoneNumber(reading))
        {
            // A number picks from a list only when one is open: otherwise it is not a question about anything.
            return new Decision("number-without-list", turn.Say("number-without-list"));
        }

        return reading.Confidence < Options.MinimumConfidence ? Fallback(turn) : await ByIntentAsync(turn, reading.Intent, null, ct);
    }

    private async Task<Decision> ByIntentAsync(Turn turn, string intent, OrderFact? chosen, CancellationToken ct, bool confirmed = false)
    {
        switch (intent)
        {
            case "greeting":
                return new Decision("greeting", turn.Say("greeting", turn.Facts.Name.Split(' ')[0]));
            case "thanks":
                return new Decision("thanks", turn.Say("thanks"));
            case "goodbye":
                return new Decision("goodbye", turn.Say("goodbye"));
            case "balance":
                return await BalanceAsync(turn, ct);
            case "next_payment":
                return NextPayment(turn);
            case "order_status":
                return await WithOrderAsync(turn, intent, chosen, _ => true, o => Task.FromResult(OrderStatus(turn, o)));
            case "refund_status":
                return await WithOrderAsync(turn, intent, chosen, o => o.Refunds.Count > 0 || o.LatestDispute is not null
                    || o.Order.Status is Commerce.OrderStatus.Returned or Commerce.OrderStatus.PartiallyReturned, o => Task.FromResult(RefundStatus(turn, o)));
            case "pause_payment" when !ReturnWords().IsMatch(turn.Reading.Text) && chosen is null:
                return new Decision("pause-needs-reason", turn.Say("pause-needs-reason"));
            case "pause_payment" or "report_return" when !confirmed && Answers.IsReturnToCome(turn.Reading.Text):
            case ReturnToCome:
                return await WithOrderAsync(turn, ReturnToCome, chosen, Returnable, o => Task.FromResult(HowToReturn(turn, o)));
            case "pause_payment" or "report_return":
                return await WithOrderAsync(turn, "report_return", chosen, Returnable, o => PauseForReturnAsync(turn, o, confirmed, ct));
            case "not_received":
                return await WithOrderAsync(turn, intent, chosen, Eligible(intent),
                    o => ReportAsync(turn, o, DisputeReason.GoodsOrServiceNotReceived, "reported-not-received", confirmed, ct));
            case "defective_item":
                return await WithOrderAsync(turn, intent, chosen, Eligible(intent),
                    o => ReportAsync(turn, o, DisputeReason.DefectiveOrNotAsDescribed, "reported-defective", confirmed, ct));
            case "charged_twice":
                return await WithOrderAsync(turn, intent, chosen, Eligible(intent), o => ChargedTwiceAsync(turn, o, confirmed, ct));
            case "wrong_amount":
                return await WithOrderAsync(turn, intent, chosen, Eligible(intent),
                    o => ReportAsync(turn, o, DisputeReason.IncorrectAmount, "reported-wrong-amount", confirmed, ct));
            case "unauthorised_purchase":
                return await FraudClaimAsync(turn, chosen, confirmed, ct);
            case "move_due_date":
                return new Decision("move-due-date-policy", turn.Say("move-due-date"))
                {
                    DataUsed = [.. turn.Reading.Entities.Dates.Select(d => $"date asked {Phrases.Date(d)}")],
                };
            case "complaint":
                return new Decision("complaint", turn.Say("complaint"));
            case "human_agent":
                return HandOff(turn, HandOffReason.Requested, "human-requested", "handoff-requested");
            default:
                return Fallback(turn);
        }
    }

    /// <summary>Low confidence or a how-to question: an article when one fits, else "I didn't understand" (twice hands off).</summary>
    private Decision Fallback(Turn turn)
    {
        if (knowledge.Search(turn.Reading.Text, turn.Language, Options.MinimumArticleScore) is { } hit)
        {
            return new Decision(turn.Reading.Intent == "how_to" ? "how-to-article" : "article-fallback",
                turn.Say("article", hit.Article.Title, hit.Article.Summary()))
            {
                DataUsed = [string.Create(CultureInfo.InvariantCulture, $"article {hit.Article.Id} ({hit.Article.Language}), score {hit.Score:0.00}")],
            };
        }

        return NotUnderstood(turn);
    }

    private Decision NotUnderstood(Turn turn, PendingQuestion? keep = null, string? retry = null) =>
        turn.FailedUnderstandings >= 1
            ? HandOff(turn, HandOffReason.NotUnderstood, "not-understood-twice", "handoff-not-understood") with { Understood = false }
            : new Decision("not-understood", retry ?? turn.Say("not-understood")) { Understood = false, Ask = keep };

    /// <summary>The shopper's answer to the question left open last turn; null when the message is about something else.</summary>
    private async Task<Decision?> AnswerToQuestionAsync(Turn turn, PendingQuestion pending, CancellationToken ct)
    {
        var reading = turn.Reading;
        var movedOn = reading.Confidence >= Options.MinimumConfidence && reading.Intent != pending.Intent
            && reading.Intent is not ("greeting" or "thanks" or "complaint");
        if (pending.Kind == PendingQuestion.WhichOrder)
        {
            var candidates = pending.Orders.Select(turn.Facts.Order).OfType<OrderFact>().ToList();
            if (OrderPicker.Choose(reading, candidates) is { } chosen)
            {
                var decision = await ByIntentAsync(turn, pending.Intent, chosen, ct);
                return decision with { DataUsed = [$"answer to which order: {chosen.Reference}", .. decision.DataUsed] };
            }

            return movedOn ? null : NotUnderstood(turn, pending, Clarify(turn, pending.Intent, candidates).Reply);
        }

        if (pending.Kind == PendingQuestion.Tracking && pending.DisputeId is { } disputeId)
        {
            var unknown = reading.Entities.UnknownReferences;
            var tracking = reading.Entities.TrackingNumber ?? (unknown.Count > 0 ? unknown[0] : null) ?? LongNumber(reading.Text);
            if (tracking is not null)
            {
                return await RegisterReturnAsync(turn, disputeId, reading.Entities.Carrier, tracking, ct);
            }

            return movedOn ? null : NotUnderstood(turn, pending, turn.Say("tracking-missing"));
        }

        return null;
    }

    private async Task<Decision> WithOrderAsync(Turn turn, string intent, OrderFact? chosen, Func<OrderFact, bool> eligible,
        Func<OrderFact, Task<Decision>> then)
    {
        if (chosen is not null)
        {
            return await then(chosen);
        }

        if (turn.Facts.Orders.Count == 0)
        {
            return new Decision("no-orders", turn.Say("no-orders-at-all"));
        }

        var pick = OrderPicker.Pick(turn.Reading, turn.Facts, eligible);
        if (pick.Order is not null)
        {
            return await then(pick.Order);
        }

        if (pick.UnknownReference is not null)
        {
            // Said the same whether the reference is another customer's order or nobody's: nothing is revealed.
            return new Decision("unknown-reference", turn.Say("unknown-reference", pick.UnknownReference)) { DataUsed = ["no order of the shopper's matched"] };
        }

        return pick.Candidates.Count == 0 ? new Decision("no-matching-order", turn.Say("no-order")) : Clarify(turn, intent, pick.Candidates);
    }

    private static Decision Clarify(Turn turn, string intent, IReadOnlyList<OrderFact> candidates)
    {
        var choices = candidates.Select(c => c.Describe(turn.Words)).ToList();
        var list = string.Join('\n', choices.Select((c, i) => $"{i + 1}. {c}"));
        return new Decision("clarify-order", $"{turn.Say("which-order")}\n{list}\n{turn.Say("which-order-hint")}")
        {
            Ask = new PendingQuestion(PendingQuestion.WhichOrder, intent, [.. candidates.Select(c => c.Id)]),
            Choices = choices,
            DataUsed = [.. candidates.Select(c => $"order {c.Reference}")],
        };
    }

    private async Task<Decision> BalanceAsync(Turn turn, CancellationToken ct)
    {
        // Loaded with the facts before the turn queued to write; read here only when they were not, or on another day.
        var balances = turn.Facts.BalancesOn(turn.Today) ?? await accounts.BalancesAsync(turn.Facts.CustomerId, ct);
        var parts = new List<string>();
        foreach (var balance in balances.Where(b => b.Outstanding.Minor > 0 || b.Credit.Minor > 0))
        {
            if (balance.Outstanding.Minor > 0)
            {
                parts.Add(turn.Say("balance", balance.Outstanding));
            }

            if (balance.Overdue.Minor > 0)
            {
                parts.Add(turn.Say("balance-overdue", balance.Overdue));
            }

            var held = turn.Facts.Orders.Where(o => o.Order.Currency == balance.Outstanding.Currency).Sum(o => o.Order.Plan.Held.Minor);
            if (held > 0)
            {
                parts.Add(turn.Say("balance-held", new Money(held, balance.Outstanding.Currency)));
            }

            if (balance.Credit.Minor > 0)
            {
                parts.Add(turn.Say("balance-credit", balance.Credit));
            }
        }

        return new Decision("answer-balance", parts.Count == 0 ? turn.Say("balance-none") : string.Join(' ', parts))
        {
            DataUsed = [.. balances.Select(b => $"balance {b.Outstanding.Currency}: outstanding {b.Outstanding}, overdue {b.Overdue}, credit {b.Credit}")],
        };
    }

    private static Decision NextPayment(Turn turn)
    {
        var next = turn.Facts.Orders
            .SelectMany(o => o.Order.Plan.Instalments.Where(i => i.Collectible.Minor > 0).Select(i => (Order: o, Instalment: i)))
            .OrderBy(x => x.Instalment.DueDate).ThenBy(x => x.Order.Order.PlacedAt).FirstOrDefault();
        if (next.Order is null)
        {
            return new Decision("answer-next-payment", turn.Say("next-payment-none"));
        }

        var amount = next.Instalment.Collectible;
        var key = next.Instalment.DueDate < turn.Today ? "next-payment-overdue" : "next-payment";
        var reply = turn.Say(key, amount, next.Instalment.DueDate, next.Order.MerchantName, next.Order.Reference);
        var held = turn.Facts.Orders.Where(o => o.Order.Plan.Held.Minor > 0).Select(o => o.Order.Plan.Held).ToList();
        if (held.Count > 0)
        {
            reply += " " + turn.Say("held-note", held);
        }

        return new Decision("answer-next-payment", reply)
        {
            DataUsed = [$"instalment {next.Instalment.Sequence} of order {next.Order.Reference}, due {Phrases.Date(next.Instalment.DueDate)}"],
        };
    }

    private static Decision OrderStatus(Turn turn, OrderFact o)
    {
        var order = o.Order;
        var reply = order.Status switch
        {
            Commerce.OrderStatus.Placed => turn.Say("order-placed", o.MerchantName, o.Reference, order.PlacedAt),
            Commerce.OrderStatus.Shipped => turn.Say("order-shipped", o.MerchantName, o.Reference, order.ShippedAt ?? order.PlacedAt,
                order.Carrier ?? "?", order.TrackingNumber ?? "?"),
            Commerce.OrderStatus.Delivered => turn.Say("order-delivered", o.MerchantName, o.Reference, order.DeliveredAt ?? order.PlacedAt),
            Commerce.OrderStatus.Returned => turn.Say("order-returned", o.MerchantName, o.Reference),
            Commerce.OrderStatus.PartiallyReturned => turn.Say("order-partly-returned", o.MerchantName, o.Reference),
            _ => turn.Say("order-cancelled", o.MerchantName, o.Reference),
        };
        return new Decision("answer-order-status", reply) { DataUsed = [$"order {o.Reference}: {order.Status}"] };
    }

    private static Decision RefundStatus(Turn turn, OrderFact o)
    {
        string reply;
        if (o.Refunds.Count > 0)
        {
            reply = turn.Say("refunded", o.MerchantName, o.Reference, o.Refunded, o.Refunds.Max(r => r.CreatedAt));
        }
        else if (o.OpenDispute is { } open)
        {
            reply = turn.Say("no-refund-open-dispute", o.MerchantName, o.Reference, open.ReportedAt, open.Held);
        }
        else
        {
            reply = turn.Say("no-refund", o.MerchantName, o.Reference);
        }

        return new Decision("answer-refund-status", reply) { DataUsed = [$"order {o.Reference}: {o.Refunds.Count} refund(s), refunded {o.Refunded}"] };
    }

    private async Task<Decision> ReportAsync(Turn turn, OrderFact order, DisputeReason reason, string replyKey, bool confirmed, CancellationToken ct)
    {
        if (order.OpenDispute is { } open)
        {
            return AlreadyOpen(turn, order, open);
        }

        if (IsLarge(order.Order.Total))
        {
            return HandOff(turn, HandOffReason.LargeAmount, "large-amount", "handoff-large-amount",
                $"Report {reason} on order {order.Reference} ({order.Order.Total}) after checking it with the shopper: above the assistant's limit.")
                with { DataUsed = [$"order {order.Reference}: {order.Order.Total}"] };
        }

        if (!confirmed)
        {
            return Offer(turn, Intents[reason], order);
        }

        var outcome = await disputes.ReportAsync(turn.Facts.CustomerId, order.Id, reason, Description(turn), ct);
        if (!outcome.Succeeded)
        {
            return Refused(turn, order, outcome.Error!);
        }

        var dispute = outcome.Value!;
        return new Decision($"act-report-{Kebab(reason)}", turn.Say(replyKey, order.MerchantName, order.Reference,
            dispute.Held, dispute.NextDeadline))
        {
            Action = "report_problem",
            ActionResult = $"dispute {dispute.Id} ({reason}, held {dispute.Held})",
            DataUsed = [$"order {order.Reference}: {order.Order.Status}, {order.Order.Total}"],
        };
    }

    /// <summary>"Pause a payment while a return is on its way": report the return (which holds the plan at once) and register its parcel.</summary>
    private async Task<Decision> PauseForReturnAsync(Turn turn, OrderFact order, bool confirmed, CancellationToken ct)
    {
        var entities = turn.Reading.Entities;
        if (turn.Pending is { Kind: PendingQuestion.Confirm, TrackingNumber: { } offered })
        {
            // The parcel named with the return the shopper has now said yes to.
            entities = entities with { Carrier = turn.Pending.Carrier, TrackingNumber = offered };
        }

        if (order.OpenDispute is { Reason: DisputeReason.RefundNotProcessed, ReturnTrackingNumber: null, State: DisputeState.Reported } waiting)
        {
            return entities.TrackingNumber is { } known
                ? await RegisterReturnAsync(turn, waiting.Id, entities.Carrier, known, ct)
                : new Decision("ask-return-tracking", turn.Say("return-paused-need-tracking", order.MerchantName, order.Reference,
                    waiting.Held))
                {
                    Ask = new PendingQuestion(PendingQuestion.Tracking, "report_return", [order.Id], waiting.Id),
                };
        }

        if (order.OpenDispute is { } open)
        {
            return AlreadyOpen(turn, order, open);
        }

        if (IsLarge(order.Order.Total))
        {
            return HandOff(turn, HandOffReason.LargeAmount, "large-amount", "handoff-large-amount",
                $"Pause payments for the return of order {order.Reference} ({order.Order.Total}) and register its tracking: above the assistant's limit.");
        }

        if (order.Unpaid.IsZero)
        {
            // Nothing left to pay: nothing to pause. The refund follows the return instead.
            return new Decision("return-paid-off", turn.Say("return-paid-off", order.MerchantName, order.Reference))
            {
                DataUsed = [$"order {order.Reference}: {order.Order.Status}, nothing unpaid"],
            };
        }

        if (!confirmed)
        {
            return Offer(turn, "report_return", order, entities.Carrier, entities.TrackingNumber);
        }

        var reported = await disputes.ReportAsync(turn.Facts.CustomerId, order.Id, DisputeReason.RefundNotProcessed, Description(turn), ct);
        if (!reported.Succeeded)
        {
            return Refused(turn, order, reported.Error!);
        }

        var dispute = reported.Value!;
        var held = dispute.Held;
        var paused = new Decision("act-pause-for-return", turn.Say("return-paused-need-tracking", order.MerchantName, order.Reference, held))
        {
            Action = "pause_for_return",
            ActionResult = $"dispute {dispute.Id} (RefundNotProcessed, held {held})",
            Ask = new PendingQuestion(PendingQuestion.Tracking, "report_return", [order.Id], dispute.Id),
            DataUsed = [$"order {order.Reference}: {order.Order.Status}, {order.Order.Total}"],
        };
        if (entities.TrackingNumber is not { } tracking)
        {
            return paused;
        }

        var registered = await RegisterReturnAsync(turn, dispute.Id, entities.Carrier, tracking, ct);
        return registered.Action is null
            ? paused
            : registered with
            {
                Rule = "act-pause-for-return",
                Action = "pause_for_return",
                Reply = $"{turn.Say("held-note", held)} {registered.Reply}",
                ActionResult = $"{paused.ActionResult}; {registered.ActionResult}",
                DataUsed = paused.DataUsed,
            };
    }

    private async Task<Decision> RegisterReturnAsync(Turn turn, Guid disputeId, string? carrier, string tracking, CancellationToken ct)
    {
        var outcome = await disputes.RegisterReturnAsync(turn.Facts.CustomerId, disputeId, carrier ?? "unnamed carrier", tracking, ct);
        if (!outcome.Succeeded)
        {
            return new Decision("action-refused", turn.Say("action-refused", Explain(outcome.Error!))) { DataUsed = [$"dispute {disputeId}"] };
        }

        var dispute = outcome.Value!;
        return new Decision("act-register-return", turn.Say("return-registered", dispute.ReturnCarrier!, dispute.ReturnTrackingNumber!,
            dispute.NextDeadline))
        {
            Action = "register_return",
            ActionResult = $"dispute {dispute.Id}: return {dispute.ReturnCarrier} {dispute.ReturnTrackingNumber}",
        };
    }

    /// <summary>
    /// A fraud claim: when it is clear which order, the assistant offers to report it and pause its payments, and on a
    /// yes reports it and hands over to the fraud team; when it is not clear (or on a no), a person takes it from there.
    /// </summary>
    private async Task<Decision> FraudClaimAsync(Turn turn, OrderFact? chosen, bool confirmed, CancellationToken ct)
    {
        var pick = chosen is not null ? new OrderPick(chosen, [], null) : OrderPicker.Pick(turn.Reading, turn.Facts, Eligible("unauthorised_purchase"));
        if (pick.Order is { OpenDispute: null } offered && !confirmed)
        {
            return Offer(turn, "unauthorised_purchase", offered);
        }

        if (pick.Order is { OpenDispute: null } order)
        {
            var outcome = await disputes.ReportAsync(turn.Facts.CustomerId, order.Id, DisputeReason.UnauthorisedPurchase, Description(turn), ct);
            if (outcome.Succeeded)
            {
                var dispute = outcome.Value!;
                var handOff = HandOff(turn, HandOffReason.FraudClaim, "fraud-claim", "handoff-fraud",
                    $"Unauthorised purchase reported on order {order.Reference} (dispute {dispute.Id}); confirm with the shopper, secure the account, let the fraud case run.");
                return handOff with
                {
                    Reply = $"{turn.Say("reported-unauthorised", order.MerchantName, order.Reference, dispute.Held)} {handOff.Reply}",
                    Action = "report_problem",
                    ActionResult = $"dispute {dispute.Id} (UnauthorisedPurchase, held {dispute.Held})",
                    DataUsed = [$"order {order.Reference}: {order.Order.Total}"],
                };
            }
        }

        var which = pick.Order is not null ? [pick.Order] : pick.Candidates;
        return HandOff(turn, HandOffReason.FraudClaim, "fraud-claim", "handoff-fraud",
            $"Fraud claim: ask which order{(which.Count > 0 ? $" ({string.Join(", ", which.Select(o => o.Reference))})" : "")}, report it as unauthorised, secure the account.");
    }

    private Decision HandOff(Turn turn, HandOffReason reason, string rule, string replyKey, string? suggestion = null) =>
        new(rule, turn.Say(replyKey)) { HandOff = new HandOffRequest(reason, suggestion ?? Suggest(reason, turn)) };

    private static string Suggest(HandOffReason reason, Turn turn) => reason switch
    {
        HandOffReason.FinancialDifficulty => "Financial difficulty: look at the shopper's plans and options on the payment-difficulty page; offer a breathing space, a re-plan or waived fees; signpost free debt advice.",
        HandOffReason.Vulnerability => "Follow the vulnerable-customer policy: offer a payment pause or an affordable plan, waive fees where allowed, check affordability before collecting.",
        HandOffReason.Frustration => $"Apologise and resolve what the shopper last asked ({IntentName(turn)}) first; consider a goodwill gesture.",
        HandOffReason.NotUnderstood => "Ask what the shopper needs; the assistant could not tell from two messages.",
        HandOffReason.LargeAmount => "Verify the amount and the problem with the shopper; amounts this size need a person's review before any report.",
        HandOffReason.FraudClaim => "Confirm the claim, secure the account, report the order as unauthorised if not done, let the fraud case run.",
        _ => $"Help with what the shopper last asked ({IntentName(turn)}).",
    };

    private static string IntentName(Turn turn) => turn.Reading.Confidence > 0 ? turn.Reading.Intent : "nothing understood yet";

    private static Decision AlreadyOpen(Turn turn, OrderFact order, DisputeSummary open) =>
        new("already-open", turn.Say("already-open", order.MerchantName, order.Reference, open.ReportedAt, open.Held))
        {
            DataUsed = [$"order {order.Reference}: open dispute {open.Id} ({open.Reason}, {open.State})"],
        };

    private static Decision Refused(Turn turn, OrderFact order, DomainError error) =>
        new("action-refused", turn.Say("action-refused", Explain(error))) { DataUsed = [$"order {order.Reference}: {order.Order.Status}"] };

    private static string Explain(DomainError error) => error is Invalid invalid
        ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
        : error.Detail;

    private static bool Returnable(OrderFact o) =>
        o.Order.Status is Commerce.OrderStatus.Shipped or Commerce.OrderStatus.Delivered or Commerce.OrderStatus.PartiallyReturned;

    private bool IsConfident(Understanding.Reading reading, string intent) => reading.Intent == intent && reading.Confidence >= Options.MinimumConfidence;

    private bool IsLarge(Money amount) => Options.LargeAmountMinor.TryGetValue(amount.Currency, out var limit) && amount.Minor > limit;

    private static string Description(Turn turn)
    {
        // After a yes, the message the offer answered: "yes" alone tells the store nothing.
        var text = turn.Pending is { Kind: PendingQuestion.Confirm, Said: { } said } ? said : turn.Reading.Text;
        return $"Reported in the assistant chat: \"{(text.Length > 500 ? text[..500] + "…" : text)}\"";
    }

    private static string? LongNumber(string text) => LongDigits().Match(text) is { Success: true } m ? m.Value : null;

    private static string Kebab(DisputeReason reason) => KebabCase().Replace(reason.ToString(), "$1-$2").ToLowerInvariant();

    [GeneratedRegex(@"\b(return\w*|send\w* (it |them )?back|sent (it |them )?back|retur\w*|skicka\w* tillbaka|skickat tillbaka|zurück\w*|rücksend\w*|retoure\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReturnWords();

    [GeneratedRegex(@"\b\d{8,30}\b")]
    private static partial Regex LongDigits();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabCase();
}
