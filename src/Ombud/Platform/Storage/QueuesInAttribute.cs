namespace Ombud.Platform.Storage;

/// <summary>
/// On a hub class or an endpoint: its writes queue in this lane of the <see cref="WriteGate"/>. Without it, they are
/// requests that a full lane may turn away.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class QueuesInAttribute(WriteLane lane) : Attribute
{
    public WriteLane Lane { get; } = lane;

    /// <summary>Marks <paramref name="turn"/> for work that comes in through something carrying <paramref name="queuesIn"/> (or nothing).</summary>
    public static void Mark(WriteTurn turn, QueuesInAttribute? queuesIn)
    {
        turn.Lane = queuesIn?.Lane ?? WriteLane.Requests;
        turn.MayBeTurnedAway = turn.Lane == WriteLane.Requests;
    }
}
