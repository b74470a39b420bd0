using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.Pay;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Quality;

/// <summary>
/// The survey a shopper gets after an agent wrapped up their conversation: once per conversation, only its own shopper.
/// Each answer re-rates the agent (the mean of their latest answers), which dispatch ranks by; five stars pay the agent
/// a bonus as a later ledger entry.
/// </summary>
internal sealed class CsatSurvey(OmbudDb db, UnitOfWork work, EarningsLedger ledger, AuditLog audit, IOptions<PayOptions> options, TimeProvider clock)
{
    /// <summary>The survey to show for the conversation, or null when there is none to answer (not wrapped up by a person, answered, not theirs).</summary>
    public async Task<CsatQuestion?> QuestionAsync(Guid customerId, Guid conversationId, CancellationToken ct)
    {
        var wrapped = await WrappedUpAsync(customerId, conversationId, ct);
        if (wrapped is not { Resolution: not null, AgentId: { } agentId }
            || await db.Set<CsatAnswer>().AnyAsync(a => a.ConversationId == conversationId, ct))
        {
            return null;
        }

        var name = await db.Set<Agent>().Where(a => a.Id == agentId).Select(a => a.DisplayName).SingleAsync(ct);
        return new CsatQuestion(conversationId, name);
    }

    public Task<Outcome<CsatView>> AnswerAsync(Guid customerId, Guid conversationId, int? score, string? comment, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (score is not (>= CsatAnswer.MinScore and <= CsatAnswer.MaxScore))
        {
            errors["score"] = [$"How the conversation went, from {CsatAnswer.MinScore} (poor) to {CsatAnswer.MaxScore} (excellent) stars."];
        }

        if (comment?.Length > CsatAnswer.MaxComment)
        {
            errors["comment"] = [$"A comment has at most {CsatAnswer.MaxComment} characters."];
        }

        return errors.Count > 0
            ? Task.FromResult<Outcome<CsatView>>(new Invalid(errors))
            : work.RunAsync<CsatView>(token => AnswerOnceAsync(customerId, conversationId, score!.Value, comment, actor, token), ct, "The survey");
    }

    private async Task<Outcome<CsatView>> AnswerOnceAsync(Guid customerId, Guid conversationId, int score, string? comment, string actor, CancellationToken ct)
    {
        // Someone else's conversation, one no person was ever asked for, or one that does not exist, is not found: never
        // "it exists but is not yours".
        if (await WrappedUpAsync(customerId, conversationId, ct) is not { } place)
        {
            return new NotFound("conversation with a person", conversationId.ToString());
        }

        if (place is not { Resolution: not null, AgentId: { } agentId })
        {
            return new Conflict("This conversation was not wrapped up by a person, so there is no survey to answer.");
        }

        if (await db.Set<CsatAnswer>().AnyAsync(a => a.ConversationId == conversationId, ct))
        {
            return new Conflict("You already told us how this conversation went; thank you.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var answer = new CsatAnswer(conversationId, agentId, customerId, score, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now);
        db.Add(answer);
        await RateAsync(agentId, score, ct);
        if (score == CsatAnswer.MaxScore)
        {
            await ledger.PayCsatBonusAsync(agentId, conversationId, now, ct);
        }

        audit.Record(actor, "marketplace.csat-answered", $"conversation:{conversationId}", $"{score} stars for agent {agentId}");
        return new CsatView(conversationId, score, answer.Comment, now);
    }

    /// <summary>The agent's rating anew: the mean of their latest answers with this one; dispatch ranks by it.</summary>
    private async Task RateAsync(Guid agentId, int score, CancellationToken ct)
    {
        var window = options.Value.RatingWindow;
        var earlier = await db.Set<CsatAnswer>().AsNoTracking().Where(a => a.AgentId == agentId).OrderByDescending(a => a.AnsweredAt)
            .Take(window - 1).Select(a => a.Score).ToListAsync(ct);
        var rating = (earlier.Sum() + score) / (double)(earlier.Count + 1);
        var agent = await db.Set<Agent>().SingleAsync(a => a.Id == agentId, ct);
        agent.Rate(rating);
    }

    private Task<WrappedPlace?> WrappedUpAsync(Guid customerId, Guid conversationId, CancellationToken ct) =>
        db.Set<QueueEntry>().AsNoTracking().Where(e => e.ConversationId == conversationId && e.CustomerId == customerId)
            .OrderByDescending(e => e.Resolution != null).Select(e => new WrappedPlace(e.AgentId, e.Resolution)).FirstOrDefaultAsync(ct);

    private sealed record WrappedPlace(Guid? AgentId, ResolutionCode? Resolution);
}

/// <summary>A survey waiting for the shopper's answer: which conversation, and the agent's display name to thank.</summary>
public sealed record CsatQuestion(Guid ConversationId, string AgentName);

/// <summary>A stored answer, as the shopper gave it (the agent's rating and pay are not the shopper's business).</summary>
public sealed record CsatView(Guid ConversationId, int Score, string? Comment, DateTime AnsweredAt);

/// <summary>The shopper's answer to the survey.</summary>
public sealed record CsatRequest(int? Score, string? Comment);
