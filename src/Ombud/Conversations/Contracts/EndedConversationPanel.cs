namespace Ombud.Conversations.Contracts;

/// <summary>
/// A part another module shows the shopper under a conversation once it has ended (the marketplace's satisfaction
/// survey), registered as a service, so neither Conversations nor the chat page knows the module. The component takes
/// one parameter, <c>ConversationId</c> (a <see cref="Guid"/>), finds the shopper from the signed-in caller, and renders
/// nothing when it has nothing to ask.
/// </summary>
public sealed record EndedConversationPanel(Type Component);
