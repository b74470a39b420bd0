using System.Text.Json;
using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Handoff;
using Ombud.Assistant.Metrics;
using Ombud.Assistant.Understanding;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Assistant.Chat;

/// <summary>
/// A turn's part inside its unit of work (a batch's, <see cref="TurnBatches"/>, or its own): holding the conversation,
/// the check that nothing changed since the turn read it, the policy and the writes.
/// </summary>
internal sealed partial class ConversationDesk
{
    /// <summary>Shoppers a turn of this scope's unit of work acted for, before it commits (<see cref="StageInBatchAsync"/>).</summary>
    private readonly HashSet<Guid> _actedFor = [];

    /// <summary>The conversations of this scope's batch of turns, read at once (<see cref="HoldAllAsync"/>); each is taken by its turn.</summary>
    private IReadOnlyDictionary<Guid, OpenConversation> _held = new Dictionary<Guid, OpenConversation>();

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

        // The conversation's next turn on this node starts from what this one leaves, without reading it again.
        conversations.KeepGlance(conversation, sight.Latest, asked.Value, LatestCount);
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
}
