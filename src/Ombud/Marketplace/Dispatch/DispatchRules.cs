namespace Ombud.Marketplace.Dispatch;

/// <summary>
/// Who gets offered what, and in which order: the queue's priority, the candidates' filter (skill, language, free
/// capacity, conflicts), their ranking by fit, and how the criteria widen while a hand-off waits. Plain code over
/// plain records with an explicit clock, so the dispatcher over the database and the simulation
/// (<c>ombud simulate</c>) decide with the same rules.
/// </summary>
public sealed class DispatchRules(MarketplaceOptions options, TimeProvider clock)
{
    /// <summary>Fit weights: skill level counts most, then rating and idle time, then spreading load, then language.</summary>
    private const double LevelWeight = 0.40, RatingWeight = 0.20, IdleWeight = 0.20, SpreadWeight = 0.10, LanguageWeight = 0.10;

    /// <summary>Idle time stops counting for more after ten minutes: past that, everyone idle is equally rested.</summary>
    private static readonly TimeSpan IdleCap = TimeSpan.FromMinutes(10);

    public MarketplaceOptions Options => options;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// How urgent a waiting hand-off is: seconds waited plus a head start per reason to go first. Sorting by it, most
    /// urgent first, is the queue's order: vulnerable and fraud first, then open disputes, then upset shoppers, and
    /// among equals the one who waited longest; anyone who waits long enough comes first in the end.
    /// </summary>
    public double Urgency(DispatchRequest request) => HeadStartSeconds(request.Urgency) + Waited(request).TotalSeconds;

    /// <summary>The seconds a hand-off's needs put it ahead of those who waited as long.</summary>
    public int HeadStartSeconds(HandOffUrgency urgency) =>
        (urgency.HasFlag(HandOffUrgency.Vulnerable) ? options.VulnerableHeadStartSeconds : 0)
        + (urgency.HasFlag(HandOffUrgency.Fraud) ? options.FraudHeadStartSeconds : 0)
        + (urgency.HasFlag(HandOffUrgency.RegulatoryClock) ? options.RegulatoryHeadStartSeconds : 0)
        + (urgency.HasFlag(HandOffUrgency.Upset) ? options.UpsetHeadStartSeconds : 0);

    /// <summary>
    /// The queue's order as a key, the smallest served first: the order <see cref="Urgency"/> and <see cref="NextFor"/> give
    /// (the more urgent, then the longest waiting, then the id), without a clock: when the place would have arrived to be
    /// as urgent without its head start.
    /// </summary>
    public (DateTime, DateTime, Guid) QueueOrder(HandOffUrgency urgency, DateTime enqueuedAt, Guid id) =>
        (enqueuedAt.AddSeconds(-HeadStartSeconds(urgency)), enqueuedAt, id);

    public TimeSpan Waited(DispatchRequest request) => Now - request.EnqueuedAt;

    /// <summary>The stage the time waited has reached, before looking at who is online.</summary>
    public DispatchStage StageByTime(DispatchRequest request)
    {
        var waited = Waited(request).TotalSeconds;
        return waited >= options.StaffAfterSeconds ? DispatchStage.Staff
            : waited >= options.AnySkillAfterSeconds && !IsSensitive(request.Skill) ? DispatchStage.AnySkill
            : waited >= options.AnyLevelAfterSeconds ? DispatchStage.AnyLevel
            : DispatchStage.Preferred;
    }

    /// <summary>
    /// The stage dispatch works at: the first from <see cref="StageByTime"/> on at which somebody online fits, free or
    /// busy. When nobody fitting is online at all it goes to staff at once rather than wait for a widening that cannot
    /// help; a busy fitting agent is worth waiting for until the clock widens further.
    /// </summary>
    public DispatchStage Stage(DispatchRequest request, IReadOnlyCollection<DispatchAgent> online)
    {
        for (var stage = StageByTime(request); stage < DispatchStage.Staff; stage++)
        {
            if (online.Any(a => Fits(request, a, stage)))
            {
                return stage;
            }
        }

        return DispatchStage.Staff;
    }

    /// <summary>When the time-based stage moves on next; null once it has reached staff.</summary>
    public DateTime? NextWidening(DispatchRequest request)
    {
        var stage = StageByTime(request);
        int? after = stage switch
        {
            DispatchStage.Preferred => options.AnyLevelAfterSeconds,
            DispatchStage.AnyLevel => IsSensitive(request.Skill) ? options.StaffAfterSeconds : options.AnySkillAfterSeconds,
            DispatchStage.AnySkill => options.StaffAfterSeconds,
            _ => null,
        };
        return after is { } seconds ? request.EnqueuedAt.AddSeconds(seconds) : null;
    }

    /// <summary>When a hand-off that found nobody free should be looked at again: its next widening, or a recheck.</summary>
    public DateTime NextReview(DispatchRequest request)
    {
        var recheck = Now.AddSeconds(options.RecheckSeconds);
        return NextWidening(request) is { } widening && widening < recheck ? widening : recheck;
    }

    /// <summary>
    /// Whether the agent may be offered the hand-off at a stage, leaving capacity aside: never their own account or
    /// a customer linked to them, never again soon after they declined it; then skill, level and language as the stage
    /// allows. Staff fit at the staff stage whatever their skills and languages.
    /// </summary>
    public bool Fits(DispatchRequest request, DispatchAgent agent, DispatchStage stage)
    {
        if (agent.ConflictingCustomers.Contains(request.CustomerId) || request.Declined.Contains(agent.Id))
        {
            return false;
        }

        if (stage == DispatchStage.Staff && agent.Tier == AgentTier.Staff)
        {
            return true;
        }

        if (!agent.Languages.Contains(request.Language))
        {
            return false;
        }

        var level = agent.Skills.GetValueOrDefault(request.Skill);
        return stage switch
        {
            DispatchStage.Preferred => level >= options.PreferredLevel,
            DispatchStage.AnyLevel => level >= AgentSkill.MinLevel,
            // Fraud claims and vulnerable shoppers never widen to agents without that skill: only to staff.
            _ => level >= AgentSkill.MinLevel || (!IsSensitive(request.Skill) && agent.Skills.Count > 0),
        };
    }

    /// <summary>The agents to offer the hand-off to, best first: fitting at its stage and with free capacity.</summary>
    public IReadOnlyList<DispatchAgent> Candidates(DispatchRequest request, IReadOnlyCollection<DispatchAgent> online)
    {
        var stage = Stage(request, online);
        return [.. online.Where(a => a.FreeCapacity > 0 && Fits(request, a, stage))
            .OrderByDescending(a => Fit(request, a)).ThenBy(a => a.Id)];
    }

    /// <summary>The best agent for the hand-off now, or null when nobody fitting is free.</summary>
    public DispatchAgent? Best(DispatchRequest request, IReadOnlyCollection<DispatchAgent> online) =>
        Candidates(request, online) is [var best, ..] ? best : null;

    /// <summary>
    /// Whether the agent fits the hand-off at the stage its wait reached. Stages only widen, so that is enough for
    /// <see cref="NextFor"/>; who else is online (and who else declined it) matters only for a hand-off that does not.
    /// </summary>
    public bool FitsByTime(DispatchRequest request, DispatchAgent agent) => Fits(request, agent, StageByTime(request));

    /// <summary>
    /// What an agent who just freed up (or came online) takes first: the most urgent waiting hand-off they fit, which
    /// among equals is the one that waited longest.
    /// </summary>
    /// <remarks>The first of <see cref="InOrderFor"/>: LINQ finds an ordered sequence's first in one pass, without sorting.</remarks>
    public DispatchRequest? NextFor(DispatchAgent agent, IEnumerable<DispatchRequest> waiting, IReadOnlyCollection<DispatchAgent> online) =>
        InOrderFor(agent, waiting, online).FirstOrDefault();

    /// <summary>
    /// The hand-offs an agent with free capacity would take one after another, most urgent first and among equals the
    /// longest waiting: whether they take a place does not depend on the others, so this is the fitting places sorted once.
    /// </summary>
    public IEnumerable<DispatchRequest> InOrderFor(DispatchAgent agent, IEnumerable<DispatchRequest> waiting, IReadOnlyCollection<DispatchAgent> online) =>
        agent.FreeCapacity <= 0 ? [] : waiting.Where(r => Takes(r, agent, online)).OrderBy(r => QueueOrder(r.Urgency, r.EnqueuedAt, r.Id));

    /// <summary>Whether the agent fits the place at the stage its wait reached, or at the stage who is online widens it to.</summary>
    private bool Takes(DispatchRequest request, DispatchAgent agent, IReadOnlyCollection<DispatchAgent> online) =>
        FitsByTime(request, agent) || Fits(request, agent, Stage(request, online));

    /// <summary>
    /// How well the agent fits, 0 to 1: skill level, rating, time idle (capped), free share of their capacity (so
    /// work spreads fairly), and speaking the shopper's language (which only staff overflow can lack).
    /// </summary>
    public double Fit(DispatchRequest request, DispatchAgent agent)
    {
        var level = agent.Skills.GetValueOrDefault(request.Skill) / (double)AgentSkill.MaxLevel;
        var rating = (agent.Rating ?? options.UnratedRating) / 5.0;
        var idle = Math.Clamp((Now - agent.IdleSince) / IdleCap, 0, 1);
        var spread = agent.MaxConversations > 0 ? agent.FreeCapacity / (double)agent.MaxConversations : 0;
        var language = agent.Languages.Contains(request.Language) ? 1 : 0;
        return LevelWeight * level + RatingWeight * rating + IdleWeight * idle + SpreadWeight * spread + LanguageWeight * language;
    }

    /// <summary>Needs that only their specialists or staff may take.</summary>
    public static bool IsSensitive(Skill skill) => skill is Skill.FraudFirstResponse or Skill.VulnerableCustomers or Skill.FinancialDifficulty;
}

/// <summary>How wide dispatch looks for a hand-off, widening with time waited.</summary>
public enum DispatchStage
{
    /// <summary>Certified in the skill at the preferred level or above, speaking the shopper's language.</summary>
    Preferred,

    /// <summary>Certified in the skill at any level.</summary>
    AnyLevel,

    /// <summary>Certified in any skill (not for fraud claims or vulnerable shoppers).</summary>
    AnySkill,

    /// <summary>Staff take it, whatever their skills.</summary>
    Staff,
}

/// <summary>A waiting hand-off as dispatch sees it.</summary>
/// <param name="Declined">Agents not to offer it to now (they rejected it or let it expire a short while ago).</param>
public sealed record DispatchRequest(Guid Id, Guid CustomerId, Skill Skill, string Language, HandOffUrgency Urgency, DateTime EnqueuedAt,
    IReadOnlySet<Guid> Declined);

/// <summary>An online agent as dispatch sees it: certified skills only, and their free capacity now.</summary>
/// <param name="ConflictingCustomers">
/// Customers never to offer them: their own account and customers linked to them. Dispatch reads them among the
/// customers of the places it is deciding on only, so a customer not named here may still be linked to them.
/// </param>
public sealed record DispatchAgent(Guid Id, AgentTier Tier, IReadOnlySet<string> Languages, IReadOnlyDictionary<Skill, int> Skills,
    int MaxConversations, int FreeCapacity, double? Rating, DateTime IdleSince, IReadOnlySet<Guid> ConflictingCustomers);
