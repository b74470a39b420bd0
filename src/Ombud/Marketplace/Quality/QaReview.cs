using Ombud.Platform;

namespace Ombud.Marketplace.Quality;

/// <summary>
/// A wrapped-up conversation drawn for staff review, and once reviewed its score card: greeting, understanding,
/// resolution, tone and compliance, 0 (missed) to 2 (well done) each, and a comment. Scored again, the card is replaced.
/// </summary>
public sealed class QaReview
{
    public const int MaxPoints = 2;
    public const int MaxComment = 2_000;

    private QaReview()
    {
    }

    public QaReview(Guid conversationId, Guid agentId, ResolutionCode resolution, DateTime wrappedUpAt, DateTime sampledAt)
    {
        ConversationId = conversationId;
        AgentId = agentId;
        Resolution = resolution;
        WrappedUpAt = wrappedUpAt;
        SampledAt = sampledAt;
    }

    public Guid ConversationId { get; private set; }

    public Guid AgentId { get; private set; }

    public ResolutionCode Resolution { get; private set; }

    public DateTime WrappedUpAt { get; private set; }

    public DateTime SampledAt { get; private set; }

    public int? Greeting { get; private set; }

    public int? Understanding { get; private set; }

    public int? ResolutionPoints { get; private set; }

    public int? Tone { get; private set; }

    public int? Compliance { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>Who scored it: <c>user:&lt;id&gt;</c> or <c>apikey:&lt;id&gt;</c>.</summary>
    public string? ScoredBy { get; private set; }

    public DateTime? ScoredAt { get; private set; }

    public bool IsScored => ScoredAt is not null;

    /// <summary>The points given, out of 10; null until scored.</summary>
    public int? Total => IsScored ? Greeting + Understanding + ResolutionPoints + Tone + Compliance : null;

    public Outcome<QaReview> Score(QaScoreCard card, string by, DateTime at)
    {
        if (card.Validate() is { } invalid)
        {
            return invalid;
        }

        (Greeting, Understanding, ResolutionPoints, Tone, Compliance) = (card.Greeting, card.Understanding, card.Resolution, card.Tone, card.Compliance);
        Comment = string.IsNullOrWhiteSpace(card.Comment) ? null : card.Comment.Trim();
        ScoredBy = by;
        ScoredAt = at;
        return this;
    }
}

/// <summary>A reviewer's score card: each part 0 to 2, and an optional comment.</summary>
public sealed record QaScoreCard(int? Greeting, int? Understanding, int? Resolution, int? Tone, int? Compliance, string? Comment)
{
    public Invalid? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, points) in new[] { ("greeting", Greeting), ("understanding", Understanding), ("resolution", Resolution), ("tone", Tone), ("compliance", Compliance) })
        {
            if (points is not (>= 0 and <= QaReview.MaxPoints))
            {
                errors[field] = [$"Give 0 (missed), 1 (partly) or {QaReview.MaxPoints} (well done)."];
            }
        }

        if (Comment?.Length > QaReview.MaxComment)
        {
            errors["comment"] = [$"A comment has at most {QaReview.MaxComment} characters."];
        }

        return errors.Count == 0 ? null : new Invalid(errors);
    }
}
