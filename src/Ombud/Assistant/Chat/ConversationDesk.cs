using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Llm;
using Ombud.Assistant.Metrics;
using Ombud.Assistant.Understanding;
using Ombud.Commerce;
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

        var spoken = language ?? LanguageDetector.FromLocale(customer.Locale);
        MessageDraft Welcome(string language) =>
            new(MessageAuthor.Assistant, Greeting(customer, language), language, Why: JsonSerializer.Serialize(new { rule = "welcome" }, Json));
        // With the turns' batches, in the next one's transaction: a start of its own would take a turn at the write gate
        // (SQLite) that the turns queued behind it, the new conversation's first turn among them, wait for.
        var started = batches.Take
            ? await StartInBatchAsync(new HeldStart(Guid.CreateVersion7(Now), customerId, spoken, Welcome), customer, ct)
            : await conversations.StartAsync(customerId, spoken, Welcome, ct);
        return started.Succeeded ? await TranscriptAsync(customerId, started.Value, ct) : started.Error!;
    }

    /// <summary>
    /// Starts the conversation with the next batch and, while the start waits for that batch to commit (in a scope of its
    /// own, so this one's connection is idle), reads the shopper's facts for its first turn with the profile just read and
    /// keeps them (<see cref="ConversationFacts"/>): the first turn, which the shopper waits on, then reads none, and the
    /// profile is read once for both.
    /// </summary>
    private async Task<Outcome<Guid>> StartInBatchAsync(HeldStart start, CustomerProfile customer, CancellationToken ct)
    {
        var starting = batches.StartAsync(start);
        try
        {
            await kept.GetAsync(start.ConversationId, customer.Id, async token => await CustomerFacts.LoadAsync(customer, orders, disputes, clock, token), ct);
        }
        finally
        {
            // The start goes on in its batch whatever the read did: its outcome is awaited before this answers or throws.
            await starting;
        }

        return await starting;
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

        phases.FirstTurn = glance.Latest.Count == 0;
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

    private static JsonElement? WhyOf(string? why) => why is null ? null : JsonSerializer.Deserialize<JsonElement>(why);

    private sealed record StoredWhy(string? Rule, string? Intent, double Confidence, string? Action, string? HandOff);
}
