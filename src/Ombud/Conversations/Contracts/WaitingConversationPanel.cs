namespace Ombud.Conversations.Contracts;

/// <summary>
/// A part another module shows the shopper while their conversation waits for a person (the marketplace's estimated
/// wait), registered as a service like <see cref="EndedConversationPanel"/>. The component takes one parameter,
/// <c>ConversationId</c> (a <see cref="Guid"/>), finds the shopper from the signed-in caller, keeps itself up to date,
/// and renders nothing when it has nothing to say.
/// </summary>
public sealed record WaitingConversationPanel(Type Component);
