namespace Ombud.Disputes.Pages;

/// <summary>What a page asks before a step it cannot take back: a title, what will happen line by line, and the step itself.</summary>
public sealed record Confirmation(string Title, IReadOnlyList<string> Summary, string Yes, Func<Task> Step, string No = "Cancel");
