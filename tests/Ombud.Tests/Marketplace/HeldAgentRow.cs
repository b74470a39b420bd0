using Ombud.Tests.Support;

namespace Ombud.Tests.Marketplace;

/// <summary>
/// Another node's transaction holding an agent's row (<c>FOR UPDATE</c>) until it ends, as a dispatcher does while it
/// offers the agent work (<see cref="HeldRow"/>).
/// </summary>
internal static class HeldAgentRow
{
    public static Task<HeldRow> HoldAsync(TestDatabase database, Guid agentId) => HeldRow.HoldAsync(database, "marketplace_agents", agentId);
}
