namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// What a hand-off needs of a person, read from why it was handed off, the intent the assistant last understood and
/// whether the shopper has an open dispute. Fraud claims go to the fraud skill and vulnerable shoppers to theirs,
/// whatever they asked about.
/// </summary>
internal static class HandOffNeeds
{
    private static readonly Dictionary<string, Skill> ByIntent = new(StringComparer.Ordinal)
    {
        ["balance"] = Skill.Payments,
        ["charged_twice"] = Skill.Payments,
        ["next_payment"] = Skill.Payments,
        ["move_due_date"] = Skill.Payments,
        ["pause_payment"] = Skill.Payments,
        ["wrong_amount"] = Skill.Payments,
        ["report_return"] = Skill.Returns,
        ["refund_status"] = Skill.Returns,
        ["defective_item"] = Skill.Returns,
        ["order_status"] = Skill.Returns,
        ["not_received"] = Skill.Disputes,
        ["complaint"] = Skill.Disputes,
        ["report_problem"] = Skill.Disputes,
        ["unauthorised_purchase"] = Skill.FraudFirstResponse,
        ["payment_difficulty"] = Skill.FinancialDifficulty,
    };

    public static (Skill Skill, HandOffUrgency Urgency) Of(string reason, int priority, string? intent, bool hasOpenDispute)
    {
        var urgency = HandOffUrgency.None;
        // Financial difficulty is a driver of vulnerability (FCA FG21/1): as urgent, but its own skill.
        urgency |= reason is "Vulnerability" or "FinancialDifficulty" ? HandOffUrgency.Vulnerable : HandOffUrgency.None;
        urgency |= reason == "FraudClaim" || intent == "unauthorised_purchase" ? HandOffUrgency.Fraud : HandOffUrgency.None;
        urgency |= hasOpenDispute ? HandOffUrgency.RegulatoryClock : HandOffUrgency.None;
        // Conversations' priority 1 is anger or a large amount (0 is fraud and vulnerability, counted above).
        urgency |= priority == 1 ? HandOffUrgency.Upset : HandOffUrgency.None;

        var skill = reason == "FinancialDifficulty" ? Skill.FinancialDifficulty
            : urgency.HasFlag(HandOffUrgency.Vulnerable) ? Skill.VulnerableCustomers
            : urgency.HasFlag(HandOffUrgency.Fraud) ? Skill.FraudFirstResponse
            : intent is not null && ByIntent.TryGetValue(intent, out var byIntent) ? byIntent
            : hasOpenDispute ? Skill.Disputes
            : Skill.Payments;
        return (skill, urgency);
    }
}
