using Ombud.Assistant.Dialogue;
using Ombud.Assistant.Metrics;
using Ombud.Assistant.Understanding;
using Ombud.Conversations;
using Ombud.Conversations.Contracts;
using Ombud.Platform;

namespace Ombud.Assistant.Chat;

/// <summary>
/// What a turn reads and understands before it queues to write: the conversation's recent messages, the shopper's
/// facts and the reading of the message. None of it needs the write gate, and on SQLite that gate is the node's one
/// writer, so reading there would make every other conversation wait. Once the turn holds the conversation it checks
/// that nothing was written since (<see cref="TurnSight.Version"/>) and that the shopper's data did not change
/// (<see cref="TurnSight.FactsMark"/>); if either did, it sees again inside.
/// </summary>
internal sealed partial class ConversationDesk
{
    /// <summary>
    /// Either the turn's answer without a write (the conversation ended, a resend, over the rate) or what it read and
    /// understood. A resend and the rate count are answered from the recent messages the reader needs anyway; a resend of an
    /// older message is caught by the unique client message id when the turn commits.
    /// </summary>
    /// <param name="button">The "Talk to a person" button: its label is not read as the shopper's words (<see cref="MessageReader.Pressed"/>).</param>
    /// <param name="latest">The conversation's latest shopper messages, oldest first (<see cref="LatestCount"/> of them), read with it.</param>
    private async Task<(Outcome<TurnView>? Answer, TurnSight? Sight)> SeeAsync(ConversationGlance conversation, IReadOnlyList<TranscriptMessage> latest,
        Guid customerId, string clientId, string text, bool button, TurnPhases phases, CancellationToken ct)
    {
        var lap = Laps();

        if (conversation.State == ConversationState.Ended)
        {
            return (await ReplayAsync(conversation.Id, clientId, text, ct) ?? new Conflict("This conversation has ended; start a new one."), null);
        }

        var now = Now;
        if (latest.Any(m => m.ClientMessageId == clientId) && await ReplayAsync(conversation.Id, clientId, text, ct) is { } replay)
        {
            return (replay, null);
        }

        if (latest.Count(m => m.At > now.AddMinutes(-1)) >= options.Value.MessagesPerMinute)
        {
            return (await ReplayAsync(conversation.Id, clientId, text, ct) ?? Limited(conversation, clientId), null);
        }

        phases.Conversation += lap();
        // Taken before the facts are read: a change of the shopper's data from now on makes them stale for this turn.
        var factsMark = kept.Mark();
        var loaded = false;
        var facts = button
            ? await ButtonFactsAsync()
            : await kept.GetAsync(conversation.Id, customerId, token =>
            {
                loaded = true;
                return CustomerFacts.LoadAsync(orders, disputes, clock, customerId, token);
            }, ct);
        if (facts is null)
        {
            return (new NotFound("customer", customerId.ToString()), null);
        }

        (phases.Facts, phases.FactsKept) = (phases.Facts + lap(), !loaded);
        var today = DateOnly.FromDateTime(now);
        var reading = button
            ? MessageReader.Pressed(text, conversation.Language, facts, today)
            : reader.Read(text, conversation.Language, [.. ReaderContext(latest).Select(m => m.Text)], facts, today);
        phases.Understanding += lap();
        return (null, new TurnSight(conversation.Version, latest, facts, factsMark, reading, today));

        async Task<CustomerFacts?> ButtonFactsAsync()
        {
            // The button needs no orders to decide on (PersonRequestFacts).
            var (read, wasKept) = await PersonRequestFacts.ReadAsync(kept, orders, disputes, conversation.Id, customerId, ct);
            loaded = !wasKept;
            return read;
        }
    }

    /// <summary>The part of the latest shopper messages the reader takes as the conversation so far: the last <see cref="ContextMessages"/>.</summary>
    private static IReadOnlyList<TranscriptMessage> ReaderContext(IReadOnlyList<TranscriptMessage> latest) =>
        latest.Count > ContextMessages ? [.. latest.Skip(latest.Count - ContextMessages)] : latest;

    /// <summary>How many of the latest shopper messages a turn reads: the reader's context, and enough to count the last minute's.</summary>
    internal int LatestCount => Math.Max(ContextMessages, options.Value.MessagesPerMinute);

    /// <summary>A stopwatch of parts: each call answers the time since the one before (the first, since it started).</summary>
    private Func<TimeSpan> Laps()
    {
        var mark = clock.GetTimestamp();
        return () =>
        {
            var lap = clock.GetElapsedTime(mark);
            mark = clock.GetTimestamp();
            return lap;
        };
    }

    private TurnView Limited(ConversationGlance conversation, string clientId) =>
        new(conversation.Id, clientId, 0, Phrases.Say(conversation.Language, "rate-limit", options.Value.MessagesPerMinute), "", 0, "rate-limit",
            false, null, conversation.Language, null, [], "rate", Replayed: false);

    /// <summary>What a turn read and understood, and of which state of the conversation and of the shopper's data.</summary>
    /// <param name="Version">The conversation's version when its messages were read.</param>
    /// <param name="Latest">The latest shopper messages at that version (<see cref="LatestCount"/>).</param>
    /// <param name="FactsMark">The change number before the facts were read (<see cref="ConversationFacts.Mark"/>).</param>
    internal sealed record TurnSight(int Version, IReadOnlyList<TranscriptMessage> Latest, CustomerFacts Facts, long FactsMark, Reading Reading, DateOnly Today)
    {
        /// <summary>The reader's part of <see cref="Latest"/>.</summary>
        public IReadOnlyList<TranscriptMessage> Earlier => ReaderContext(Latest);
    }
}
