namespace Ombud.Disputes;

/// <summary>One step of a dispute's history: who did what, when, from which state to which, and why. Rows are only ever added.</summary>
public sealed class DisputeTransition
{
    private DisputeTransition()
    {
    }

    internal DisputeTransition(int number, DateTime at, string actor, DisputeMove move, DisputeState from, DisputeState to, string? note)
    {
        Number = number;
        At = at;
        Actor = actor;
        Move = move;
        From = from;
        To = to;
        Note = note;
    }

    /// <summary>1, 2, 3 … in the order the steps happened.</summary>
    public int Number { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>"customer:&lt;id&gt;", "merchant:&lt;id&gt;", "user:&lt;id&gt;", or "system" for a timer.</summary>
    public string Actor { get; private set; } = "";

    public DisputeMove Move { get; private set; }

    public DisputeState From { get; private set; }

    public DisputeState To { get; private set; }

    /// <summary>Why: the shopper's words, the merchant's evidence, the decision's reason.</summary>
    public string? Note { get; private set; }

    internal void RemoveNote(string removed) => Note = Note is null ? null : removed;
}
