using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Handoff;
using Ombud.Assistant.Llm;
using Ombud.Assistant.Metrics;
using Ombud.Assistant.Understanding;
using Ombud.Commerce.Contracts;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Disputes.Contracts;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Chat;

/// <summary>
/// The assistant's use cases of a conversation, the same for the hub, the API and the shell: start one, send a
/// message, ask for a person, read the transcript. A turn reads the message, lets the policy decide (and act), and
/// stores the shopper's message and the reply that names it, with its explanation, in one unit of work: an action
/// the policy takes and a hand-off join it and commit with it. While an agent holds the conversation the assistant
/// keeps the shopper's message for them and says nothing. A customer only ever reaches their own conversations;
/// anyone else's is "not found".
/// </summary>
internal sealed partial class ConversationDesk(
    ConversationService conversations,
    UnitOfWork work,
    CustomerOrders orders,
    CustomerDisputes disputes,
    TimeProvider clock,
    MessageReader reader,
    DialoguePolicy policy,
    ReplyPhraser phraser,
    AuditLog audit,
    TurnMetrics metrics,
    ConversationFacts kept,
    TurnBatches batches,
    IOptions<AssistantOptions> options)
{
    /// <summary>The rule of a turn the assistant kept silent on, because an agent holds the conversation.</summary>
    public const string WithAgentRule = "with-agent";

    internal const string Subject = "The conversation";

    /// <summary>The shopper's earlier messages a turn reads with the new one (for context, sentiment, formal address).</summary>
    private const int ContextMessages = 10;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Shoppers a turn of this scope's unit of work acted for, before it commits (<see cref="StageInBatchAsync"/>).</summary>
    private readonly HashSet<Guid> _actedFor = [];

    /// <summary>The conversations of this scope's batch of turns, read at once (<see cref="HoldAllAsync"/>); each is taken by its turn.</summary>
    private IReadOnlyDictionary<Guid, OpenConversation> _held = new Dictionary<Guid, OpenConversation>();

    /// <summary>The welcome a new conversation will open with, shown before one exists (the prerendered page); stores nothing.</summary>
    public async Task<string?> GreetingAsync(Guid customerId, string? language, CancellationToken ct) =>
        await orders.ProfileAsync(customerId, ct) is { } customer
            ? Greeting(customer, language is not null && LanguageDetector.Supported.Contains(language) ? language : LanguageDetector.FromLocale(customer.Locale))
            : null;

    private static string Greeting(CustomerProfile customer, string language) => Phrases.Say(language, "greeting", customer.Name.Split(' ')[0]);

    public async Task<Outcome<TranscriptView>> StartAsync(Guid customerId, string? language, CancellationToken ct)
    {
        if (await orders.ProfileAsync(customerId, ct) is not { } customer)
        {
            return new NotFound("customer", customerId.ToString());
        }

        if (language is not null && !LanguageDetector.Supported.Contains(language))
        {
            return Invalid.Field("language", $"The assistant speaks {string.Join(", ", LanguageDetector.Supported)}.");
        }

        if (await conversations.StartedSinceAsync(customerId, Now.AddDays(-1), ct) >= options.Value.ConversationsPerDay)
        {
            return new TooMany($"You have started {options.Value.ConversationsPerDay} conversations today; please continue one of them.");
        }

        var started = await conversations.StartAsync(customerId, language ?? LanguageDetector.FromLocale(customer.Locale), language =>
            new MessageDraft(MessageAuthor.Assistant, Greeting(customer, language), language,
                Why: JsonSerializer.Serialize(new { rule = "welcome" }, Json)), ct);
        return started.Succeeded ? await TranscriptAsync(customerId, started.Value, ct) : started.Error!;
    }

    public Task<Outcome<TurnView>> PostAsync(Guid customerId, Guid conversationId, string? clientMessageId, string? text, CancellationToken ct) =>
        TurnAsync(customerId, conversationId, clientMessageId, text, button: false, ct);

    /// <summary>The always-visible "Talk to a person" button: a hand-off in this turn, whatever came before.</summary>
    public async Task<Outcome<TurnView>> RequestHumanAsync(Guid customerId, Guid conversationId, string? clientMessageId, CancellationToken ct)
    {
        if (await conversations.WaitingForPersonAsync(customerId, conversationId, ct) >= options.Value.WaitingHandOffsPerShopper)
        {
            return new TooMany($"You already have {options.Value.WaitingHandOffsPerShopper} conversations waiting for a person; one of them will be answered first.");
        }

        return await TurnAsync(customerId, conversationId, clientMessageId, "(pressed \"Talk to a person\")", button: true, ct);
    }

    public async Task<Outcome<TranscriptView>> TranscriptAsync(Guid customerId, Guid conversationId, CancellationToken ct)
    {
        if (await conversations.TranscriptAsync(conversationId, customerId, ct) is not { } transcript)
        {
            return new NotFound("conversation", conversationId.ToString());
        }

        var handOff = transcript.Holding.HandOff is { } h ? new HandOffView(h.Id, h.Reason.ToString(), h.Status.ToString(), h.QueuePosition, h.RequestedAt) : null;
        return new TranscriptView(transcript.Id, transcript.State.ToString(), transcript.Language, transcript.StartedAt, transcript.EndedAt,
            handOff, [.. transcript.Messages.Select(m => new MessageView(m.Sequence, m.Author.ToString(), m.Text, m.At, m.ClientMessageId, WhyOf(m.Why), m.AuthorName))]);
    }

    /// <summary>
    /// The conversation the chat opens with: the shopper's latest, open or ended, or null before their first. An ended one
    /// is shown as it ended, with what other modules ask under it (the survey), rather than replaced by a new one on a
    /// reload; the shopper's next message or "New conversation" starts the next.
    /// </summary>
    public async Task<TranscriptView?> LatestAsync(Guid customerId, CancellationToken ct) =>
        await RecentAsync(customerId, 1, ct) is [var latest] ? (await TranscriptAsync(customerId, latest, ct)).Value : null;

    /// <summary>The shopper's conversations, newest first, for a client that lost its conversation id.</summary>
    public Task<IReadOnlyList<Guid>> RecentAsync(Guid customerId, int limit, CancellationToken ct) => conversations.RecentAsync(customerId, limit, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Outcome<TurnView>> TurnAsync(Guid customerId, Guid conversationId, string? clientMessageId, string? text, bool button,
        CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var phases = new TurnPhases();
        try
        {
            return await HandleTurnAsync(customerId, conversationId, clientMessageId, text, button, phases, ct);
        }
        finally
        {
            metrics.Record(clock.GetElapsedTime(started), phases);
        }
    }

    private async Task<Outcome<TurnView>> HandleTurnAsync(Guid customerId, Guid conversationId, string? clientMessageId, string? text, bool button,
        TurnPhases phases, CancellationToken ct)
    {
        if (clientMessageId is { Length: 0 or > ConversationLimits.MaxClientMessageId })
        {
            return Invalid.Field("clientMessageId", $"A client message id has 1 to {ConversationLimits.MaxClientMessageId} characters.");
        }

        if (text is { Length: > ConversationLimits.MaxMessageLength })
        {
            return Invalid.Field("text", string.Create(CultureInfo.InvariantCulture,
                $"A message can be at most {ConversationLimits.MaxMessageLength:N0} characters; this one has {text.Length:N0}. Please send it in shorter parts."));
        }

        var clean = TextSanitiser.Clean(text);
        if (clean.Length == 0)
        {
            return Invalid.Field("text", "The message is empty: write what you need help with.");
        }

        var clientId = clientMessageId ?? Guid.CreateVersion7(Now).ToString();
        // Read and understood before the turn queues to write (on SQLite, behind the node's one write gate): the gate
        // is held only for what must see the latest committed state — the check that nothing changed, the policy, the writes.
        if (await conversations.GlanceAsync(conversationId, customerId, LatestCount, ct) is not { } glance)
        {
            return new NotFound("conversation", conversationId.ToString());
        }

        var seen = await SeeAsync(glance.Glance, glance.Latest, customerId, clientId, clean, button, phases, ct);
        if (seen.Answer is { } early)
        {
            return early;
        }

        var queued = clock.GetTimestamp();
        // With a language model the reply is reworded inside (an HTTP call of up to its timeout), which would hold every
        // turn of a batch; such turns keep a unit of work of their own. So does a one-shot command, which runs no batches.
        var outcome = batches.Take && !phraser.IsOn
            ? await batches.TakeAsync(new HeldTurn(customerId, conversationId, clientId, clean, button, seen.Sight!, phases, queued))
            : await work.RunAsync(token =>
            {
                phases.Queued += clock.GetElapsedTime(queued);
                return TurnOnceAsync(customerId, conversationId, clientId, clean, button, seen.Sight!, phases, token);
            }, ct, Subject);
        if (outcome.Error is WriteConflict { Column: nameof(TranscriptMessage.ClientMessageId) } && await ReplayAsync(conversationId, clientId, clean, ct) is { } replay)
        {
            // The same message, resent, was stored by another turn first (on another node): answer from what it left.
            return replay;
        }

        return outcome;
    }

    /// <summary>
    /// Holds every conversation of a batch's turns in one read, before the first of them runs (<see cref="TurnBatches"/>):
    /// each turn then finds its conversation held instead of reading it on its own.
    /// </summary>
    internal async Task HoldAllAsync(IReadOnlyList<HeldTurn> turns, CancellationToken ct) =>
        _held = await conversations.OpenManyAsync([.. turns.Select(t => t.ConversationId)], ct);

    /// <summary>
    /// A turn's part inside a batch's unit of work (<see cref="TurnBatches"/>): the batch's turns share this desk. A turn
    /// whose shopper an earlier turn of the batch acted for waits for the next batch, where it sees what that one changed.
    /// </summary>
    internal Task<Outcome<TurnView>> StageInBatchAsync(HeldTurn turn, CancellationToken ct)
    {
        if (_actedFor.Contains(turn.CustomerId))
        {
            return Task.FromResult<Outcome<TurnView>>(GroupCommit.NextBatch);
        }

        // Set, not added: a batch that did not commit runs its turns again one at a time.
        turn.Phases.Queued = clock.GetElapsedTime(turn.Queued);
        return TurnOnceAsync(turn.CustomerId, turn.ConversationId, turn.ClientId, turn.Text, turn.Button, turn.Sight, turn.Phases, ct);
    }

    private async Task<Outcome<TurnView>> TurnOnceAsync(Guid customerId, Guid conversationId, string clientId, string text, bool button,
        TurnSight sight, TurnPhases phases, CancellationToken ct)
    {
        var lap = Laps();

        // Locked on PostgreSQL until the turn commits: turns of one conversation take turns, and a resend finds the reply.
        var conversation = _held.TryGetValue(conversationId, out var held)
            ? held.CustomerId == customerId ? held : null
            : await conversations.OpenAsync(conversationId, customerId, ct);
        if (conversation is null)
        {
            return new NotFound("conversation", conversationId.ToString());
        }

        phases.Conversation += lap();
        if (conversation.Version != sight.Version || kept.ChangedSince(customerId, sight.FactsMark))
        {
            // Another turn of this conversation (a racing tab, a resend), a hand-off or the shopper's data changed since
            // the turn read them: the replay check, the rate count, the facts and the understanding are done again on
            // what is committed now, while the turn holds the conversation.
            phases.ReadAgain = true;
            var again = await SeeAsync(new ConversationGlance(conversation.Id, conversation.State, conversation.Language, conversation.Version),
                await conversations.LatestShopperMessagesAsync(conversationId, LatestCount, ct), customerId, clientId, text, button, phases, ct);
            if (again.Answer is { } answer)
            {
                return answer;
            }

            sight = again.Sight!;
        }

        var (earlier, facts, reading, today) = (sight.Earlier, sight.Facts, sight.Reading, sight.Today);
        // Seeing again measured itself.
        lap();
        if (conversation.Holder == ConversationHolder.Agent)
        {
            return Keep(conversation, clientId, text, reading);
        }

        IReadOnlyList<double> sentiments = [.. earlier.Select(m => m.Sentiment ?? 0), reading.Sentiment];
        var holding = await conversations.HoldingAsync(conversation, ct);
        var position = holding.HandOff?.QueuePosition;
        var formal = Answers.IsFormalGerman(text) || earlier.Any(m => Answers.IsFormalGerman(m.Text));
        var turn = new Turn(reading, facts, PendingQuestion.FromJson(conversation.PendingQuestion), conversation.FailedUnderstandings,
            conversation.IsWithPeople, position, sentiments, button, today, formal);
        var decision = await policy.DecideAsync(turn, ct);

        if (decision.Action is not null)
        {
            _actedFor.Add(customerId);
            // The turn changed the shopper's data: their conversations on this node reload as soon as it commits,
            // before the event reaches the other nodes.
            work.AfterCommit(() =>
            {
                kept.Forget(customerId);
                return Task.CompletedTask;
            });
        }

        var reply = decision.Reply;
        if (decision.HandOff is not null)
        {
            if (conversation.IsWithPeople)
            {
                reply = turn.Say("waiting", position ?? 1);
            }
            else
            {
                var brief = HandOffBriefs.Write(decision, reading, sentiments, [.. earlier.Select(m => m.Text), text], facts, turn.Pending);
                var handedOff = await conversations.HandOffAsync(conversation.Id, brief, ct);
                if (!handedOff.Succeeded)
                {
                    return handedOff.Error!;
                }

                var handOff = handedOff.Value!;
                position = handOff.QueuePosition;
                reply = $"{reply} {turn.Say("queue", position ?? 1)}";
                audit.Record(DisputesActor(customerId), "assistant.handed-off", $"conversation:{conversation.Id}", $"{handOff.Reason}, priority {handOff.Priority}");
            }
        }

        var (phrased, byModel) = await phraser.PhraseAsync(reply, reading.Language, [facts.Name], ct);
        phases.Policy += lap();
        var why = new DecisionRecord(decision.Rule, reading.Intent, Math.Round(reading.Confidence, 4), reading.RunnerUp, reading.Language,
            Math.Round(reading.Sentiment, 3), decision.Action, decision.ActionResult, decision.HandOff?.Reason.ToString(),
            reading.HumanPhrase ?? reading.VulnerabilityPhrase ?? reading.FraudPhrase ?? reading.InjectionPhrase,
            EntitiesForRecord(reading.Entities, facts), decision.DataUsed, byModel);

        conversation.Speak(reading.Language);
        conversation.Ask(decision.Ask?.ToJson());
        if (decision.Understood)
        {
            conversation.Understood();
        }
        else
        {
            conversation.NotUnderstood();
        }

        var asked = conversation.Write(ShoppersMessage(clientId, text, reading));
        if (!asked.Succeeded)
        {
            return asked.Error!;
        }

        var answered = conversation.Write(new MessageDraft(MessageAuthor.Assistant, phrased, reading.Language,
            ReplyToSequence: asked.Value!.Sequence, Why: JsonSerializer.Serialize(why, Json)));
        if (!answered.Succeeded)
        {
            return answered.Error!;
        }

        return new TurnView(conversation.Id, clientId, asked.Value.Sequence, answered.Value!.Text, reading.Intent, Math.Round(reading.Confidence, 4), decision.Rule,
            decision.HandOff is not null, decision.Action, reading.Language, decision.HandOff is not null || conversation.IsWithPeople ? position : null,
            decision.Choices, null, Replayed: false);
    }

    /// <summary>An agent holds the conversation: the shopper's message is theirs to answer, and the assistant stays silent.</summary>
    private static Outcome<TurnView> Keep(OpenConversation conversation, string clientId, string text, Reading reading)
    {
        conversation.Speak(reading.Language);
        var asked = conversation.Write(ShoppersMessage(clientId, text, reading));
        return asked.Succeeded
            ? new TurnView(conversation.Id, clientId, asked.Value!.Sequence, "", reading.Intent, Math.Round(reading.Confidence, 4), WithAgentRule,
                true, null, reading.Language, null, [], null, Replayed: false)
            : asked.Error!;
    }

    private static MessageDraft ShoppersMessage(string clientId, string text, Reading reading) =>
        new(MessageAuthor.Shopper, text, reading.DetectedLanguage ?? reading.Language, ClientMessageId: clientId, Sentiment: reading.Sentiment);

    /// <summary>
    /// The answer a resent message already had; a different message under a client id already used is a conflict,
    /// never silently answered with the reply to the first.
    /// </summary>
    private async Task<Outcome<TurnView>?> ReplayAsync(Guid conversationId, string clientId, string text, CancellationToken ct)
    {
        if (await conversations.ReplyToAsync(conversationId, clientId, ct) is not var (asked, answered))
        {
            return null;
        }

        if (!string.Equals(asked.Text, text, StringComparison.Ordinal))
        {
            return new Conflict($"The client message id '{clientId}' was already used for another message in this conversation; send a new message with a new id.");
        }

        if (answered is null)
        {
            // Kept for the agent who holds the conversation; the assistant never answered it.
            return new TurnView(conversationId, clientId, asked.Sequence, "", "", 0, WithAgentRule, true, null, asked.Language, null, [], null, Replayed: true);
        }

        var why = answered.Why is null ? null : JsonSerializer.Deserialize<StoredWhy>(answered.Why, Json);
        return new TurnView(conversationId, clientId, asked.Sequence, answered.Text, why?.Intent ?? "", why?.Confidence ?? 0, why?.Rule ?? "",
            why?.HandOff is not null, why?.Action, answered.Language, null, [], null, Replayed: true);
    }

    private static object EntitiesForRecord(Entities entities, CustomerFacts facts) => new
    {
        orders = entities.OrderIds.Select(facts.Order).OfType<OrderFact>().Select(o => o.Reference),
        unknownReferences = entities.UnknownReferences,
        merchants = entities.MerchantIds.Select(id => facts.Orders.First(o => o.Order.MerchantId == id).MerchantName).Distinct(),
        amount = entities.Amount?.ToString(),
        dates = entities.Dates.Select(Phrases.Date),
        ordinal = entities.Ordinal,
        carrier = entities.Carrier,
        trackingNumber = entities.TrackingNumber,
    };

    private static string DisputesActor(Guid customerId) => Actions.DisputeActions.Actor(customerId);

    private static JsonElement? WhyOf(string? why) => why is null ? null : JsonSerializer.Deserialize<JsonElement>(why);

    private sealed record StoredWhy(string? Rule, string? Intent, double Confidence, string? Action, string? HandOff);
}
