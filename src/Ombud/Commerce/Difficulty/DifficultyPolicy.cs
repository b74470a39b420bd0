using Ombud.Commerce.Contracts;
using Ombud.Platform;

namespace Ombud.Commerce.Difficulty;

/// <summary>What the shopper has shown so far: their latest paid instalments (newest first) and whether any is missed now.</summary>
internal sealed record PayingRecord(IReadOnlyList<InstalmentStatus> LatestPaid, bool MissedNow)
{
    public bool LastPaidOnTime(int count) => LatestPaid.Count >= count && LatestPaid.Take(count).All(s => s == InstalmentStatus.Paid);
}

/// <summary>
/// Which adjustments a shopper may take themselves, and why, by the market's rules, their paying record and what they
/// have taken before; everything else needs a person. Each offer's cost and what it changes come from trying it on
/// the plan itself (<paramref name="tryOn"/>), so the words shown before the yes are what the yes does.
/// </summary>
internal sealed class DifficultyPolicy(MarketDifficultyRules rules, PaymentPlan plan, IReadOnlyList<PlanAdjustment> history, PayingRecord record,
    Func<AdjustmentKind, AdjustmentTerms, Outcome<PlanChange>> tryOn)
{
    public IReadOnlyList<AdjustmentOffer> Offers()
    {
        var offers = new List<AdjustmentOffer> { Extension(), Replan(), BreathingSpace() };
        if (!plan.UnpaidLateFees.IsZero)
        {
            offers.Add(Waiver());
        }

        return offers;
    }

    private AdjustmentOffer Extension()
    {
        var taken = plan.ExtensionsTaken;
        var why = taken == 0
            ? "because you have not extended a due date on this plan before"
            : $"because you have extended a due date on this plan {taken} of the {rules.MaxExtensionsPerPlan} times a plan allows";
        var fee = new Money(rules.ExtensionFee, plan.Currency);
        return Offer(AdjustmentKind.ExtendDueDate, $"Move your next payment {rules.ExtensionDays} days later", why,
            new AdjustmentTerms(Days: rules.ExtensionDays), fee, needsPerson: null);
    }

    private AdjustmentOffer Replan()
    {
        var open = plan.Instalments.Count(i => i.UnpaidAmountMinor > 0);
        var parts = Math.Min(rules.MaxReplanInstalments, Math.Max(open * 2, open + 2));
        var terms = new AdjustmentTerms(Instalments: parts);
        const string title = "Spread what is left over more, smaller payments";
        string? needsPerson = null;
        string why;
        if (Taken(AdjustmentKind.Replan))
        {
            needsPerson = "because this plan was re-planned before; a person can look at it with you";
            why = needsPerson;
        }
        else if (!record.LastPaidOnTime(rules.OnTimeInstalmentsForSelfReplan))
        {
            needsPerson = $"because we ask a person to agree a new plan unless {LastPayments(rules.OnTimeInstalmentsForSelfReplan)} {(rules.OnTimeInstalmentsForSelfReplan == 1 ? "was" : "were")} on time";
            why = needsPerson;
        }
        else if (plan.Outstanding.Minor > rules.SelfServiceLimitMinor)
        {
            needsPerson = $"because you owe more than {new Money(rules.SelfServiceLimitMinor, plan.Currency)} on this plan; a person agrees larger plans with you";
            why = needsPerson;
        }
        else
        {
            why = $"because you have paid {LastPayments(rules.OnTimeInstalmentsForSelfReplan)} on time";
        }

        return Offer(AdjustmentKind.Replan, title, why, terms, Money.Zero(plan.Currency), needsPerson);
    }

    private AdjustmentOffer BreathingSpace()
    {
        var earlier = Taken(AdjustmentKind.BreathingSpace);
        var needsPerson = earlier ? "because this plan had a breathing space before; a person can give a longer or another one" : null;
        return Offer(AdjustmentKind.BreathingSpace, $"Pause your payments and late fees for {rules.BreathingSpaceDays} days",
            needsPerson ?? "because you have not had a breathing space on this plan", new AdjustmentTerms(Days: rules.BreathingSpaceDays),
            Money.Zero(plan.Currency), needsPerson);
    }

    private AdjustmentOffer Waiver()
    {
        var earlier = history.Any(a => a.Kind == AdjustmentKind.WaiveLateFees && a.Status == AdjustmentStatus.Applied);
        var needsPerson = earlier ? "because late fees were waived for you before; a person decides on another waiver" : null;
        return Offer(AdjustmentKind.WaiveLateFees, $"Waive your late fees of {plan.UnpaidLateFees}",
            needsPerson ?? "because this is the first time you ask us to waive a late fee", new AdjustmentTerms(), Money.Zero(plan.Currency), needsPerson);
    }

    private AdjustmentOffer Offer(AdjustmentKind kind, string title, string why, AdjustmentTerms terms, Money cost, string? needsPerson)
    {
        var tried = tryOn(kind, terms);
        if (!tried.Succeeded)
        {
            // The plan itself refuses it (limit reached, paused by a dispute, paid off): the refusal says why.
            return new AdjustmentOffer(kind, OfferStanding.NotPossible, title, InWords(tried.Error!), cost, "", terms);
        }

        var standing = needsPerson is null ? OfferStanding.SelfService : OfferStanding.NeedsPerson;
        return new AdjustmentOffer(kind, standing, title, why, new Money(tried.Value!.FeeMinor, plan.Currency), tried.Value.Summary, terms);
    }

    private static string LastPayments(int n) => n == 1 ? "your last payment" : $"your last {n} payments";

    /// <summary>A refusal as one sentence: an invalid field's own message rather than the general "fields are invalid".</summary>
    internal static string InWords(DomainError error) => error is Invalid invalid ? invalid.Errors.Values.First()[0] : error.Detail;

    private bool Taken(AdjustmentKind kind) => history.Any(a => a.PlanId == plan.Id && a.Kind == kind && a.Status == AdjustmentStatus.Applied);
}
