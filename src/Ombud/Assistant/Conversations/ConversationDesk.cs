using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Handoff;
using Ombud.Assistant.Llm;
using Ombud.Assistant.Metrics;
using Ombud.Assistant.Understanding;
using Ombud.Commerce;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Conversations;

/// <summary>
/// The use cases of a conversation, the same for the hub, the API and the shell: start one, send a message, ask for
/// a person, read the transcript. A turn reads the message, lets the policy decide (and act), and stores the
/// shopper's message and the reply with its explanation in one save. A customer only ever reaches their own
/// conversations; anyone else's is "not found".
/// </summary>
internal sealed class ConversationDesk(
    OmbudDb db,
    WriteGate writeGate,
    TimeProvider clock,
    MessageReader reader,
    DialoguePolicy policy,
    HandOffQueue queue,
    ReplyPhraser phraser,
    AuditLog audit,
    TurnMetrics metrics,
    IOptions<AssistantOptions> options)
{
    private const int MaxAttempts = 3;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Outcome<TranscriptView>> StartAsync(Guid customerId, string? language, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name, c.Locale }).SingleOrDefaultAsync(ct);
        if (customer is null)
        {
            return new NotFound("customer", customerId.ToString());
        }

        if (language is not null && !LanguageDetector.Supported.Contains(language))
        {
            return Invalid.Field("language", $"The assistant speaks {string.Join(", ", LanguageDetector.Supported)}.");
        }

        var now = Now;
        var conversation = new Conversation(Guid.CreateVersion7(now), customerId, language ?? LanguageDetector.FromLocale(customer.Locale), now);
        var welcome = Phrases.Say(conversation.Language, "greeting", customer.Name.Split(' ')[0]);
        db.Add(conversation);
        db.Add(new ConversationMessage(conversation.Id, conversation.NextSequence(), MessageAuthor.Assistant, welcome, now, conversation.Language,
            why: JsonSerializer.Serialize(new { rule = "welcome" }, Json)));
        using (await writeGate.EnterAsync(ct))
        {
            await db.SaveChangesAsync(ct);
        }

        return await TranscriptAsync(customerId, conversation.Id, ct);
    }

    public Task<Outcome<TurnView>> PostAsync(Guid customerId, Guid conversationId, string? clientMessageId, string? text, CancellationToken ct) =>
        TurnAsync(customerId, conversationId, clientMessageId, text, button: false, ct);

    /// <summary>The always-visible "Talk to a person" button: a hand-off in this turn, whatever came before.</summary>
    public Task<Outcome<TurnView>> RequestHumanAsync(Guid customerId, Guid conversationId, string? clientMessageId, CancellationToken ct) =>
        TurnAsync(customerId, conversationId, clientMessageId, "(pressed \"Talk to a person\")", button: true, ct);

    public async Task<Outcome<TranscriptView>> TranscriptAsync(Guid customerId, Guid conversationId, CancellationToken ct)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId && c.CustomerId == customerId, ct);
        if (conversation is null)
        {
            return new NotFound("conversation", conversationId.ToString());
        }

        var messages = await db.Set<ConversationMessage>().AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Sequence).ToListAsync(ct);
        HandOffView? handOff = null;
        if (conversation.HandOffId is { } handOffId && await db.Set<HandOff>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == handOffId, ct) is { } h)
        {
            handOff = new HandOffView(h.Id, h.Reason.ToString(), h.Status.ToString(), await queue.PositionAsync(h, ct), h.RequestedAt);
        }

        return new TranscriptView(conversation.Id, conversation.State.ToString(), conversation.Language, conversation.StartedAt, conversation.EndedAt,
            handOff, [.. messages.Select(m => new MessageView(m.Sequence, m.Author.ToString(), m.Text, m.At, m.ClientMessageId, WhyOf(m.Why)))]);
    }

    /// <summary>The shopper's conversations, newest first, for a client that lost its conversation id.</summary>
    public async Task<IReadOnlyList<Guid>> RecentAsync(Guid customerId, int limit, CancellationToken ct) =>
        await db.Set<Conversation>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.StartedAt)
            .Select(c => c.Id).Take(limit).ToListAsync(ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Outcome<TurnView>> TurnAsync(Guid customerId, Guid conversationId, string? clientMessageId, string? text, bool button,
        CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        try
        {
            return await HandleTurnAsync(customerId, conversationId, clientMessageId, text, button, ct);
        }
        finally
        {
            metrics.Record(clock.GetElapsedTime(started));
        }
    }

    private async Task<Outcome<TurnView>> HandleTurnAsync(Guid customerId, Guid conversationId, string? clientMessageId, string? text, bool button,
        CancellationToken ct)
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TurnOnceAsync(customerId, conversationId, clientId, clean, button, ct);
            }
            catch (DbUpdateException clash) when (attempt < MaxAttempts && (clash is DbUpdateConcurrencyException || UniqueViolation.TryDescribe(clash, out _)))
            {
                // Another turn of this conversation (often the same message, resent) was saved first: answer from what it left.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Outcome<TurnView>> TurnOnceAsync(Guid customerId, Guid conversationId, string clientId, string text, bool button, CancellationToken ct)
    {
        var conversation = await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == conversationId && c.CustomerId == customerId, ct);
        if (conversation is null)
        {
            return new NotFound("conversation", conversationId.ToString());
        }

        if (await ReplayAsync(conversationId, clientId, ct) is { } replay)
        {
            return replay;
        }

        if (conversation.State == ConversationState.Ended)
        {
            return new Conflict("This conversation has ended; start a new one.");
        }

        var now = Now;
        var minuteAgo = now.AddMinutes(-1);
        if (await db.Set<ConversationMessage>().CountAsync(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Shopper && m.At > minuteAgo, ct)
            >= options.Value.MessagesPerMinute)
        {
            return Limited(conversation, clientId);
        }

        var recent = await db.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Shopper)
            .OrderByDescending(m => m.Sequence).Take(10).Select(m => new { m.Text, m.Sentiment }).ToListAsync(ct);

        var facts = (await CustomerFacts.LoadAsync(db, customerId, ct))!;
        var earlier = recent.AsEnumerable().Reverse().ToList();
        var today = DateOnly.FromDateTime(now);
        var reading = reader.Read(text, conversation.Language, [.. earlier.Select(m => m.Text)], facts, today);
        IReadOnlyList<double> sentiments = [.. earlier.Select(m => m.Sentiment ?? 0), reading.Sentiment];
        var position = conversation.HandOffId is { } existing ? await queue.PositionAsync(existing, ct) : null;
        var turn = new Turn(reading, facts, PendingQuestion.FromJson(conversation.PendingQuestion), conversation.FailedUnderstandings,
            conversation.IsHandedOff, position, sentiments, button, today);
        var decision = await policy.DecideAsync(turn, ct);

        var reply = decision.Reply;
        if (decision.HandOff is not null)
        {
            if (conversation.IsHandedOff)
            {
                reply = Phrases.Say(reading.Language, "waiting", position ?? 1);
            }
            else
            {
                var handOff = queue.Create(conversation, decision, reading, sentiments, [.. earlier.Select(m => m.Text), text], facts, now);
                conversation.HandOver(handOff.Id);
                position = await queue.PositionAsync(handOff, ct);
                reply = $"{reply} {Phrases.Say(reading.Language, "queue", position ?? 1)}";
                audit.Record(DisputesActor(customerId), "assistant.handed-off", $"conversation:{conversation.Id}", $"{handOff.Reason}, priority {handOff.Priority}");
            }
        }

        var (phrased, byModel) = await phraser.PhraseAsync(reply, reading.Language, [facts.Name], ct);
        phrased = phrased.Length > ConversationLimits.MaxStoredText ? phrased[..ConversationLimits.MaxStoredText] : phrased;
        var why = new DecisionRecord(decision.Rule, reading.Intent, Math.Round(reading.Confidence, 4), reading.RunnerUp, reading.Language,
            Math.Round(reading.Sentiment, 3), decision.Action, decision.ActionResult, decision.HandOff?.Reason.ToString(),
            reading.HumanPhrase ?? reading.VulnerabilityPhrase ?? reading.FraudPhrase ?? reading.InjectionPhrase,
            EntitiesForRecord(reading.Entities, facts), decision.DataUsed, byModel);

        conversation.Touch(now, reading.Language);
        conversation.Ask(decision.Ask?.ToJson());
        if (decision.Understood)
        {
            conversation.Understood();
        }
        else
        {
            conversation.NotUnderstood();
        }

        var asked = new ConversationMessage(conversation.Id, conversation.NextSequence(), MessageAuthor.Shopper, text, now,
            reading.DetectedLanguage ?? reading.Language, clientId, reading.Sentiment);
        var answered = new ConversationMessage(conversation.Id, conversation.NextSequence(), MessageAuthor.Assistant, phrased, now,
            reading.Language, why: JsonSerializer.Serialize(why, Json));
        db.AddRange(asked, answered);
        using (await writeGate.EnterAsync(ct))
        {
            await db.SaveChangesAsync(ct);
        }

        return new TurnView(conversation.Id, clientId, asked.Sequence, phrased, reading.Intent, Math.Round(reading.Confidence, 4), decision.Rule,
            decision.HandOff is not null, decision.Action, reading.Language, decision.HandOff is not null || conversation.IsHandedOff ? position : null,
            decision.Choices, null, Replayed: false);
    }

    private async Task<TurnView?> ReplayAsync(Guid conversationId, string clientId, CancellationToken ct)
    {
        var asked = await db.Set<ConversationMessage>().AsNoTracking()
            .SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientMessageId == clientId, ct);
        if (asked is null)
        {
            return null;
        }

        var answered = await db.Set<ConversationMessage>().AsNoTracking()
            .SingleAsync(m => m.ConversationId == conversationId && m.Sequence == asked.Sequence + 1, ct);
        var why = answered.Why is null ? null : JsonSerializer.Deserialize<StoredWhy>(answered.Why, Json);
        return new TurnView(conversationId, clientId, asked.Sequence, answered.Text, why?.Intent ?? "", why?.Confidence ?? 0, why?.Rule ?? "",
            why?.HandOff is not null, why?.Action, answered.Language, null, [], null, Replayed: true);
    }

    private TurnView Limited(Conversation conversation, string clientId) =>
        new(conversation.Id, clientId, 0, Phrases.Say(conversation.Language, "rate-limit", options.Value.MessagesPerMinute), "", 0, "rate-limit",
            false, null, conversation.Language, null, [], "rate", Replayed: false);

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
