using Ombud.Platform.Events;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// Pays the agent for a conversation they wrapped up. The event's delivery and the entry commit together, and the
/// ledger keeps one entry per conversation, so a replayed event never pays twice.
/// </summary>
internal sealed class ConversationPay(EarningsLedger ledger) : IEventHandler
{
    public const string Subscriber = "marketplace.pay.conversations";

    public async Task HandleAsync(EventMessage message, CancellationToken ct) =>
        await ledger.PayConversationAsync(message.Read<ConversationWrappedUp>(), ct);
}
