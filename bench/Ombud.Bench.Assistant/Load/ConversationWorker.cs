using System.Diagnostics;
using Ombud.Bench.Assistant.Chat;

namespace Ombud.Bench.Assistant.Load;

/// <summary>
/// One shopper at a keyboard with no pause between messages: a conversation of a few turns, then a new one. When the
/// assistant asks "which order?", the next message answers it; after a hand-off the shopper starts over.
/// </summary>
internal sealed class ConversationWorker(ChatConnection chat, Random random, int turnsPerConversation) : IAsyncDisposable
{
    private int _turnsInConversation = int.MaxValue;
    private bool _answerWhichOrder;

    /// <summary>Sends one message (starting a conversation first when one is due) and tallies what came back.</summary>
    public async Task TurnAsync(RoundTrips roundTrips, Tally tally, CancellationToken ct)
    {
        if (_turnsInConversation >= turnsPerConversation)
        {
            await chat.StartConversationAsync(ct);
            (_turnsInConversation, _answerWhichOrder) = (0, false);
        }

        var firstTurn = _turnsInConversation == 0;
        var text = _answerWhichOrder ? MessageMix.OrderChoices[random.Next(MessageMix.OrderChoices.Length)] : MessageMix.Pick(random);
        var started = Stopwatch.GetTimestamp();
        var reply = await chat.SayAsync(text, ct);
        roundTrips.Record(Stopwatch.GetTimestamp() - started, firstTurn);

        tally.Add(reply);
        _turnsInConversation = reply.Handoff ? int.MaxValue : _turnsInConversation + 1;
        _answerWhichOrder = reply.Rule == "clarify-order";
    }

    public ValueTask DisposeAsync() => chat.DisposeAsync();
}
