namespace Ombud.Commerce.Difficulty;

/// <summary>
/// The words of the watch's contact: what we noticed, in the shopper's terms, what they can do, where free advice is.
/// No pressure and no demand for payment: it is an offer of help (the FCA's Consumer Duty and CONC 7 ask for
/// forbearance and signposting before any collection step).
/// </summary>
internal static class ContactWords
{
    public const string Title = "We are here if paying is hard right now";

    public static string Body(string name, IEnumerable<string> noticed, IReadOnlyList<DebtAdviceService> advice)
    {
        var body = $"Hello {FirstName(name)}, we noticed that {Join([.. noticed])}. If money is tight, you have options: you may be able to move a due date, "
            + "spread what is left over more, smaller payments, or pause payments for a while. Open one of your orders to see what you can do "
            + "and exactly what it costs before you say yes, or write to us in the chat; a person is always one message away.";
        return advice.Count == 0
            ? body
            : body + " Free, confidential debt advice: " + string.Join("; ", advice.Select(a => a.Url is null ? a.Name : $"{a.Name} ({a.Url})")) + ".";
    }

    /// <summary>How a message greets the shopper: by their first name.</summary>
    public static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;

    private static string Join(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };
}
