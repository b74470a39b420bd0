using Microsoft.EntityFrameworkCore;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Quality;

/// <summary>
/// Staff review of the QA sample: the list (waiting first), one conversation's transcript with its score card (every
/// opening audited, as the transcript is customer data), and scoring it (audited).
/// </summary>
internal sealed class QaDesk(OmbudDb db, UnitOfWork work, ConversationService conversations, AuditLog audit, TimeProvider clock)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<QaSampleRow>> SampleAsync(CancellationToken ct)
    {
        var reviews = await db.Set<QaReview>().AsNoTracking().OrderByDescending(r => r.SampledAt).Take(Limit).ToListAsync(ct);
        var ids = reviews.Select(r => r.AgentId).Distinct().ToList();
        var names = await db.Set<Agent>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        return [.. reviews.OrderBy(r => r.IsScored).ThenByDescending(r => r.SampledAt)
            .Select(r => new QaSampleRow(r.ConversationId, r.AgentId, names.GetValueOrDefault(r.AgentId) ?? "?", r.Resolution, r.WrappedUpAt, r.SampledAt,
                r.IsScored, r.Total))];
    }

    public async Task<Outcome<QaReviewView>> OpenAsync(Guid conversationId, string actor, CancellationToken ct)
    {
        if (await db.Set<QaReview>().AsNoTracking().SingleOrDefaultAsync(r => r.ConversationId == conversationId, ct) is not { } review
            || await conversations.TranscriptAsync(conversationId, null, ct) is not { } transcript)
        {
            return new NotFound("conversation in the QA sample", conversationId.ToString());
        }

        var name = await db.Set<Agent>().AsNoTracking().Where(a => a.Id == review.AgentId).Select(a => a.DisplayName).SingleAsync(ct);
        await audit.RecordAloneAsync(actor, "marketplace.qa-opened", $"conversation:{conversationId}", null, ct);
        return new QaReviewView(conversationId, review.AgentId, name, review.Resolution, review.WrappedUpAt,
            [.. transcript.Messages.Select(m => new QaTranscriptLine(m.Sequence, m.Author, m.AuthorName, m.Text, m.At))], QaScoreView.Of(review));
    }

    public Task<Outcome<QaScoreView>> ScoreAsync(Guid conversationId, QaScoreCard card, string actor, CancellationToken ct) =>
        card.Validate() is { } invalid
            ? Task.FromResult<Outcome<QaScoreView>>(invalid)
            : work.RunAsync<QaScoreView>(async token =>
            {
                if (await db.Set<QaReview>().SingleOrDefaultAsync(r => r.ConversationId == conversationId, token) is not { } review)
                {
                    return new NotFound("conversation in the QA sample", conversationId.ToString());
                }

                if (review.Score(card, actor, clock.GetUtcNow().UtcDateTime) is { Succeeded: false } refused)
                {
                    return refused.Error!;
                }

                audit.Record(actor, "marketplace.qa-scored", $"conversation:{conversationId}", $"{review.Total} of 10 for agent {review.AgentId}");
                return QaScoreView.Of(review);
            }, ct, "The QA review");
}

/// <summary>A conversation in the QA sample, as the staff list shows it.</summary>
public sealed record QaSampleRow(Guid ConversationId, Guid AgentId, string AgentName, ResolutionCode Resolution, DateTime WrappedUpAt, DateTime SampledAt,
    bool Scored, int? Total);

/// <summary>A sampled conversation opened for review: its transcript and its score card (empty until scored).</summary>
public sealed record QaReviewView(Guid ConversationId, Guid AgentId, string AgentName, ResolutionCode Resolution, DateTime WrappedUpAt,
    IReadOnlyList<QaTranscriptLine> Transcript, QaScoreView Score);

public sealed record QaTranscriptLine(int Sequence, MessageAuthor Author, string? AuthorName, string Text, DateTime At);

/// <summary>A score card: each part 0–2, the total out of 10; all null until scored.</summary>
public sealed record QaScoreView(Guid ConversationId, DateTime WrappedUpAt, int? Greeting, int? Understanding, int? Resolution, int? Tone,
    int? Compliance, int? Total, string? Comment, DateTime? ScoredAt)
{
    public static QaScoreView Of(QaReview r) =>
        new(r.ConversationId, r.WrappedUpAt, r.Greeting, r.Understanding, r.ResolutionPoints, r.Tone, r.Compliance, r.Total, r.Comment, r.ScoredAt);
}
