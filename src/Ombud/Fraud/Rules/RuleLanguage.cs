namespace Ombud.Fraud.Rules;

/// <summary>A rule that parsed and type-checked: its text, the test compiled from it, and the names it reads.</summary>
internal sealed record CompiledRule(string Text, Func<RuleFacts, bool> Test, IReadOnlyList<string> Names, int Nodes);

/// <summary>
/// The analysts' rule language: conditions over the named features and the order, joined with <c>and</c>,
/// <c>or</c>, <c>not</c> and parentheses; comparisons <c>== != &lt; &lt;= &gt; &gt;=</c>; <c>in [..]</c> and
/// <c>not in [..]</c>; text in quotes; money as whole minor units (<c>order.amount &gt; 50000</c>) or with its
/// currency (<c>order.amount &gt;= 500.00 EUR</c>, which holds only for orders in euros). A comparison that reads an
/// unknown value (no device, no price) is false.
/// </summary>
/// <remarks>
/// Safe by construction: the text is never evaluated as code and no name is looked up by reflection. Each name is
/// checked against <see cref="RuleFields"/> and each comparison against the types on both sides, and the rule is
/// compiled to a tree of closures. A rule has no loops or calls, so its cost is linear in its size; length, nesting
/// depth, node count and list length are capped, and a rule over a cap is refused with where it went over.
/// </remarks>
internal static class RuleLanguage
{
    public const int MaxLength = 2000;
    public const int MaxDepth = 16;
    public const int MaxNodes = 200;
    public const int MaxListItems = 100;
    public const int MaxTextLength = 200;

    /// <summary>The rule compiled, or why not and where.</summary>
    public static (CompiledRule? Rule, RuleError? Error) Compile(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new RuleError(new RulePosition(1, 1), "the rule is empty: write a condition such as order.amount > 50000"));
        }

        if (text.Length > MaxLength)
        {
            return (null, new RuleError(PositionOf(text, MaxLength), $"the rule is longer than {MaxLength} characters"));
        }

        try
        {
            var parser = new RuleParser(RuleTokenizer.Tokenize(text));
            var (test, names, nodes) = parser.ParseRule();
            return (new CompiledRule(text, test, names, nodes), null);
        }
        catch (RuleSyntaxException e)
        {
            return (null, e.Error);
        }
    }

    private static RulePosition PositionOf(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var lastBreak = before.LastIndexOf('\n');
        return new RulePosition(before.Count('\n') + 1, index - lastBreak);
    }
}
