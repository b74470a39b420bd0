using Ombud.Assistant.Actions;
using Ombud.Assistant.Understanding;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Commerce.Difficulty;
using Ombud.Conversations;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// "I can't pay this month": the options this shopper may take on the plan due first, each with its cost and what it
/// changes, one proposed for a yes; only an explicit yes acts (through Commerce's <see cref="PlanAdjustments"/>, the
/// same rules and audit as the API), anything else changes nothing. Nothing the shopper may take alone → a person.
/// Free debt advice for their market is signposted whenever difficulty is disclosed.
/// </summary>
internal sealed class DifficultyTalk(PlanAdjustments adjustments, DifficultyWatch watch)
{
    public const string Intent = "payment_difficulty";

    public async Task<Decision> OfferAsync(Turn turn, CancellationToken ct)
    {
        var customer = turn.Facts.CustomerId;
        var plan = await adjustments.NextPlanDueAsync(customer, ct);
        var options = plan is { } id ? (await adjustments.OptionsAsync(customer, id, ct)).Value : null;
        var signpost = await DisclosedAsync(turn, ct);
        if (options?.SelfService.FirstOrDefault() is not { } proposed)
        {
            var why = options is null ? "no open plan" : string.Join("; ", options.Offers.Select(o => $"{o.Kind}: {o.Why}"));
            return new Decision("difficulty-nothing-fits", turn.Say("difficulty-nothing-fits") + signpost)
            {
                HandOff = new HandOffRequest(HandOffReason.FinancialDifficulty,
                    $"Financial difficulty disclosed; nothing the shopper may take alone ({why}). Consider a breathing space, a re-plan or waiving fees."),
                DataUsed = ["payment-difficulty options"],
            };
        }

        var others = options.Offers.Where(o => o.Standing != OfferStanding.NotPossible && o != proposed)
            .Select(o => $"\n• {Title(turn, o)}: {Cost(turn, o)}{(o.Standing == OfferStanding.NeedsPerson ? " " + turn.Say("difficulty-with-person") : "")}");
        return new Decision("difficulty-offer", turn.Say("difficulty-offer", Title(turn, proposed), Changes(turn, proposed), Cost(turn, proposed)) +
            (others.Any() ? "\n" + turn.Say("difficulty-others") + string.Concat(others) : "") + signpost)
        {
            Ask = new PendingQuestion(PendingQuestion.AdjustPlan, Intent, [options.OrderId], Plan: options.PlanId, Adjustment: proposed.Kind.ToString(),
                Cost: proposed.Cost.Minor, Number: Number(proposed.Kind, proposed.Terms)),
            DataUsed = [$"payment-difficulty options of plan {options.PlanId}"],
        };
    }

    /// <summary>The answer to a proposed adjustment: an explicit yes takes it at the cost shown; anything else changes nothing.</summary>
    public async Task<Decision> AnswerAsync(Turn turn, PendingQuestion proposed, CancellationToken ct)
    {
        var words = PhraseMatcher.Words(turn.Reading.Text);
        var yes = Answers.IsYes(turn.Reading.Text) || (Signals.Yes.FirstMatch(words) is { } said && said.Split(' ').Length == words.Length);
        if (!yes || proposed.Plan is not { } plan || !Enum.TryParse<AdjustmentKind>(proposed.Adjustment, out var kind))
        {
            return new Decision("difficulty-declined", turn.Say("difficulty-declined"));
        }

        var taken = await adjustments.TakeAsync(turn.Facts.CustomerId, plan, kind, proposed.Cost, DisputeActions.Actor(turn.Facts.CustomerId), ct);
        return taken.Succeeded
            ? new Decision("difficulty-adjusted", turn.Say("difficulty-done", InEnglish(turn) ? taken.Value!.Summary ?? "" : Changed(turn, kind, proposed.Number ?? 0)))
            {
                Action = $"plan.adjusted:{kind}",
                ActionResult = taken.Value!.Id.ToString(),
                DataUsed = [$"plan {plan}"],
            }
            : new Decision("difficulty-refused", turn.Say("difficulty-refused", DifficultyPolicy.InWords(taken.Error!)));
    }

    /// <summary>
    /// The shopper disclosed difficulty (or hard circumstances): kept as a sign for the daily watch, and free debt advice
    /// in their market returned as a paragraph to add to the reply (empty where none is configured).
    /// </summary>
    public async Task<string> DisclosedAsync(Turn turn, CancellationToken ct)
    {
        await watch.RecordDisclosureAsync(turn.Facts.CustomerId, "chat", ct);
        var advice = await adjustments.DebtAdviceAsync(turn.Facts.CustomerId, ct);
        return advice.Count == 0
            ? ""
            : "\n\n" + turn.Say("debt-advice") + string.Concat(advice.Select(a => $"\n• {a.Name}{(a.Phone is null ? "" : $", {a.Phone}")}{(a.Url is null ? "" : $", {a.Url}")}"));
    }

    private static bool InEnglish(Turn turn) => turn.Language is not ("sv" or "de");

    /// <summary>The option's title in the reply's language: Commerce's own in English, the phrase book's in Swedish and German.</summary>
    private static string Title(Turn turn, AdjustmentOffer offer) =>
        InEnglish(turn) || !Phrases.Has($"option-{offer.Kind}") ? offer.Title : turn.Say($"option-{offer.Kind}", Number(offer.Kind, offer.Terms));

    /// <summary>What the option changes: Commerce's exact words (with the new dates) in English, the gist in Swedish and German.</summary>
    private static string Changes(Turn turn, AdjustmentOffer offer) =>
        InEnglish(turn) ? offer.WhatChanges : Changed(turn, offer.Kind, Number(offer.Kind, offer.Terms));

    private static string Changed(Turn turn, AdjustmentKind kind, int number) =>
        Phrases.Has($"change-{kind}") ? turn.Say($"change-{kind}", number) : "";

    private static int Number(AdjustmentKind kind, AdjustmentTerms? terms) =>
        (kind == AdjustmentKind.Replan ? terms?.Instalments : terms?.Days) ?? 0;

    private static string Cost(Turn turn, AdjustmentOffer offer) => offer.Cost.IsZero ? turn.Say("difficulty-free") : turn.Words.Money(offer.Cost);
}
