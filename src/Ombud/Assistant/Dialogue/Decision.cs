using System.Text.Json;
using Ombud.Conversations;

namespace Ombud.Assistant.Dialogue;

/// <summary>
/// What the policy decided for one turn, and why. <see cref="Rule"/> names the rule that fired (docs/assistant.md
/// lists them); <see cref="Action"/> is what was done through the product's services, null when the turn only
/// answered; a <see cref="HandOff"/> is a structured request, never read out of reply text.
/// </summary>
internal sealed record Decision(string Rule, string Reply)
{
    public string? Action { get; init; }

    /// <summary>What the action acted on, e.g. the dispute it opened.</summary>
    public string? ActionResult { get; init; }

    public HandOffRequest? HandOff { get; init; }

    /// <summary>The question left open for the next turn; null clears any earlier one.</summary>
    public PendingQuestion? Ask { get; init; }

    /// <summary>False when the assistant did not understand; two in a row hand off.</summary>
    public bool Understood { get; init; } = true;

    /// <summary>The data the reply was made from, e.g. "order NL-10001", "balance SEK", "article returns (en)".</summary>
    public IReadOnlyList<string> DataUsed { get; init; } = [];

    /// <summary>What the shopper can pick from (the orders of a "which order?" question).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
}

/// <summary>A hand-off the policy decided: why, how urgent, and what it would suggest the person do.</summary>
internal sealed record HandOffRequest(HandOffReason Reason, string SuggestedResolution)
{
    public int Priority => Reason switch
    {
        HandOffReason.FraudClaim or HandOffReason.Vulnerability or HandOffReason.FinancialDifficulty => 0,
        HandOffReason.Frustration or HandOffReason.LargeAmount => 1,
        _ => 2,
    };
}

/// <summary>
/// A question the assistant asked and will resolve on the next turn: which of these orders, or which tracking number
/// for this return. Stored on the conversation as JSON, so the answer may come to another node.
/// </summary>
/// <param name="Plan">For a proposed plan adjustment: the plan, the adjustment and the cost the shopper was shown.</param>
/// <param name="Said">For an offer awaiting a yes: the shopper's message it answered, kept as the report's description.</param>
/// <param name="Carrier">For an offered pause: the return parcel's carrier and tracking number, when the shopper gave them.</param>
internal sealed record PendingQuestion(string Kind, string Intent, IReadOnlyList<Guid> Orders, Guid? DisputeId = null, Guid? Plan = null,
    string? Adjustment = null, long? Cost = null, int? Number = null, string? Said = null, string? Carrier = null, string? TrackingNumber = null)
{
    public const string WhichOrder = "which-order";

    /// <summary>An action on money offered to the shopper (<see cref="Intent"/> on the one order, <see cref="Cost"/> the amount shown): acted on only after a yes.</summary>
    public const string Confirm = "confirm";
    public const string Tracking = "tracking";
    public const string AdjustPlan = "adjust-plan";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static PendingQuestion? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PendingQuestion>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The explanation stored with every reply: how the message was read and which rule answered it.</summary>
internal sealed record DecisionRecord(
    string Rule,
    string Intent,
    double Confidence,
    string? RunnerUp,
    string Language,
    double Sentiment,
    string? Action,
    string? ActionResult,
    string? HandOff,
    string? Signal,
    object Entities,
    IReadOnlyList<string> DataUsed,
    bool PhrasedByLlm);
