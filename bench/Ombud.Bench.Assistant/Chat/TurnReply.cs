namespace Ombud.Bench.Assistant.Chat;

/// <summary>The parts of the hub's answer to a message that the bench tallies.</summary>
internal sealed record TurnReply(string Reply, string Intent, string Rule, bool Handoff, string? Action, string? Limit);

/// <summary>The part of a started conversation the bench needs.</summary>
internal sealed record StartedConversation(Guid Id);
