using System.Globalization;

namespace Ombud.Fraud.Rules;

/// <summary>
/// A recursive-descent parser that type-checks as it goes and compiles each piece at once into a closure, so a
/// rule that parses is ready to run.
/// </summary>
/// <remarks>
/// <code>
/// rule       = or
/// or         = and { "or" and }
/// and        = not { "and" not }
/// not        = "not" not | comparison
/// comparison = operand [ op operand | ["not"] "in" "[" literal { "," literal } "]" ]
/// operand    = "(" or ")" | name | number [ currency ] | text | "true" | "false"
/// </code>
/// </remarks>
internal sealed class RuleParser(List<RuleToken> tokens)
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _next;
    private int _depth;
    private int _nodes;

    public (Func<RuleFacts, bool> Test, IReadOnlyList<string> Names, int Nodes) ParseRule()
    {
        var rule = ParseOr();
        if (Peek.Kind != TokenKind.End)
        {
            throw Error(Peek.At, $"unexpected '{Peek.Text}' after a complete condition: join conditions with 'and' or 'or'");
        }

        return (AsCondition(rule), [.. _names.Order(StringComparer.Ordinal)], _nodes);
    }

    private RuleToken Peek => tokens[_next];

    private RuleToken Take() => tokens[_next++];

    private Operand ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Kind == TokenKind.Or)
        {
            Take();
            var (a, b) = (AsCondition(left), AsCondition(ParseAnd()));
            left = Operand.Condition(left.At, f => a(f) || b(f), Count(left.At));
        }

        return left;
    }

    private Operand ParseAnd()
    {
        var left = ParseNot();
        while (Peek.Kind == TokenKind.And)
        {
            Take();
            var (a, b) = (AsCondition(left), AsCondition(ParseNot()));
            left = Operand.Condition(left.At, f => a(f) && b(f), Count(left.At));
        }

        return left;
    }

    private Operand ParseNot()
    {
        if (Peek.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var at = Take().At;
        Enter(at);
        var operand = AsCondition(ParseNot());
        _depth--;
        return Operand.Condition(at, f => !operand(f), Count(at));
    }

    private Operand ParseComparison()
    {
        var left = ParseOperand();
        if (Peek.Kind == TokenKind.Operator)
        {
            var op = Take();
            return Compare(left, op, ParseOperand());
        }

        if (Peek.Kind == TokenKind.In || (Peek.Kind == TokenKind.Not && tokens[_next + 1].Kind == TokenKind.In))
        {
            var negated = Take().Kind == TokenKind.Not;
            if (negated)
            {
                Take();
            }

            return InList(left, negated);
        }

        return left;
    }

    private Operand ParseOperand()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Open:
                Enter(token.At);
                var inner = ParseOr();
                _depth--;
                Expect(TokenKind.Close, "')' to close the '(' at " + token.At);
                return inner;
            case TokenKind.Name:
                if (!RuleFields.All.TryGetValue(token.Text, out var field))
                {
                    throw Error(token.At, $"unknown name '{token.Text}'{Suggestion(token.Text)}");
                }

                _names.Add(field.Name);
                return Operand.Field(token.At, field, Count(token.At));
            case TokenKind.Number:
                return NumberOrMoney(token);
            case TokenKind.Text:
                return Operand.Literal(token.At, RuleType.Text, double.NaN, token.Text, Count(token.At));
            case TokenKind.True or TokenKind.False:
                var value = token.Kind == TokenKind.True;
                return Operand.Condition(token.At, _ => value, Count(token.At), literal: true);
            case TokenKind.End:
                throw Error(token.At, "the rule ends too early: a name, a number or text is missing");
            default:
                throw Error(token.At, $"expected a name, a number or text, found '{token.Text}'");
        }
    }

    private Operand NumberOrMoney(RuleToken token)
    {
        if (!decimal.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw Error(token.At, $"'{token.Text}' is not a number");
        }

        if (Peek.Kind == TokenKind.Name && Peek.Text.Length == 3 && Peek.Text.All(char.IsAsciiLetterUpper))
        {
            var currency = Take();
            if (!Platform.Currencies.IsKnown(currency.Text))
            {
                throw Error(currency.At, $"'{currency.Text}' is not an ISO 4217 currency this installation knows");
            }

            var minor = number * (decimal)Math.Pow(10, Platform.Currencies.MinorUnitExponent(currency.Text));
            if (minor != decimal.Truncate(minor) || minor > long.MaxValue)
            {
                throw Error(token.At, $"{token.Text} {currency.Text} has more decimals than the currency's minor unit");
            }

            return Operand.Literal(token.At, RuleType.Money, (double)minor, currency.Text, Count(token.At));
        }

        return Operand.Literal(token.At, RuleType.Number, (double)number, null, Count(token.At), whole: number == decimal.Truncate(number));
    }

    private Operand Compare(Operand left, RuleToken op, Operand right)
    {
        var at = op.At;
        Count(at);
        var ordering = op.Text is "<" or "<=" or ">" or ">=";
        switch (left.Type, right.Type)
        {
            case (RuleType.Number, RuleType.Number):
                return Numeric(left, op.Text, right, currency: null);
            case (RuleType.Money, RuleType.Number) or (RuleType.Number, RuleType.Money):
                var (money, number) = left.Type == RuleType.Money ? (left, right) : (right, left);
                if (money.IsLiteral || !number.IsLiteral || !number.IsWhole)
                {
                    throw Error(number.At, "amounts are compared with whole minor units (order.amount > 50000) or an amount with its currency (500.00 EUR)");
                }

                return Numeric(left, op.Text, right, currency: null);
            case (RuleType.Money, RuleType.Money):
                if (left.IsLiteral == right.IsLiteral)
                {
                    throw Error(right.At, "compare order.amount with an amount such as 500.00 EUR");
                }

                return Numeric(left, op.Text, right, currency: left.IsLiteral ? left.Text! : right.Text!);
            case (RuleType.Text, RuleType.Text) or (RuleType.Condition, RuleType.Condition) when !ordering:
                return Equality(left, op.Text, right);
            case (RuleType.Text, RuleType.Text) or (RuleType.Condition, RuleType.Condition):
                throw Error(at, $"'{op.Text}' orders numbers and amounts; {Words(left.Type)} compares only with '==' or '!='");
            default:
                throw Error(right.At, $"{Shown(left)} is {Words(left.Type)} and cannot be compared with {Words(right.Type)}");
        }
    }

    private static Operand Numeric(Operand left, string op, Operand right, string? currency)
    {
        var (a, b) = (left.Number!, right.Number!);
        Func<double, double, bool> test = op switch
        {
            "==" => (x, y) => x == y,
            "!=" => (x, y) => !double.IsNaN(x) && !double.IsNaN(y) && x != y,
            "<" => (x, y) => x < y,
            "<=" => (x, y) => x <= y,
            ">" => (x, y) => x > y,
            _ => (x, y) => x >= y,
        };
        if (currency is null)
        {
            return Operand.Condition(left.At, f => test(a(f), b(f)), 0);
        }

        var orderCurrency = (left.IsLiteral ? right : left).TextOf!;
        return Operand.Condition(left.At, f => orderCurrency(f) == currency && test(a(f), b(f)), 0);
    }

    private static Operand Equality(Operand left, string op, Operand right)
    {
        if (left.Type == RuleType.Condition)
        {
            var (p, q) = (AsCondition(left), AsCondition(right));
            var (known, other) = (left.Known!, right.Known!);
            return op == "=="
                ? Operand.Condition(left.At, f => known(f) && other(f) && p(f) == q(f), 0)
                : Operand.Condition(left.At, f => known(f) && other(f) && p(f) != q(f), 0);
        }

        var (a, b) = (left.TextOf!, right.TextOf!);
        return op == "=="
            ? Operand.Condition(left.At, f => a(f) is { } x && b(f) is { } y && string.Equals(x, y, StringComparison.Ordinal), 0)
            : Operand.Condition(left.At, f => a(f) is { } x && b(f) is { } y && !string.Equals(x, y, StringComparison.Ordinal), 0);
    }

    private Operand InList(Operand left, bool negated)
    {
        var open = Expect(TokenKind.OpenList, "'[' to open the list after 'in'");
        var numbers = new HashSet<double>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var currencies = new List<(string Currency, double Minor)>();
        if (left.Type == RuleType.Condition || left.IsLiteral)
        {
            throw Error(left.At, "'in' looks a name up in a list: put a number, amount or text name before it");
        }

        do
        {
            if (numbers.Count + texts.Count + currencies.Count >= RuleLanguage.MaxListItems)
            {
                throw Error(Peek.At, $"a list holds at most {RuleLanguage.MaxListItems} values");
            }

            var item = ParseOperand();
            if (!item.IsLiteral)
            {
                throw Error(item.At, "a list holds numbers, amounts or text, not names");
            }

            switch (left.Type, item.Type)
            {
                case (RuleType.Number, RuleType.Number):
                case (RuleType.Money, RuleType.Number) when item.IsWhole:
                    numbers.Add(item.Number!(null!));
                    break;
                case (RuleType.Money, RuleType.Money):
                    currencies.Add((item.Text!, item.Number!(null!)));
                    break;
                case (RuleType.Text, RuleType.Text):
                    texts.Add(item.Text!);
                    break;
                default:
                    throw Error(item.At, $"{Shown(left)} is {Words(left.Type)}; this list value is {Words(item.Type)}");
            }
        }
        while (Peek.Kind == TokenKind.Comma && Take() is not null);

        Expect(TokenKind.CloseList, "']' to close the list opened at " + open.At);
        Count(open.At);
        Func<RuleFacts, bool> found;
        Func<RuleFacts, bool> known;
        if (left.Type == RuleType.Text)
        {
            var text = left.TextOf!;
            found = f => text(f) is { } t && texts.Contains(t);
            known = f => text(f) is not null;
        }
        else
        {
            var (number, currency) = (left.Number!, left.TextOf);
            found = f => numbers.Contains(number(f)) || currencies.Contains((currency?.Invoke(f) ?? "", number(f)));
            known = f => !double.IsNaN(number(f));
        }

        return negated ? Operand.Condition(left.At, f => known(f) && !found(f), 0) : Operand.Condition(left.At, found, 0);
    }

    private static Func<RuleFacts, bool> AsCondition(Operand operand) =>
        operand.Test ?? throw Error(operand.At, $"{Shown(operand)} is {Words(operand.Type)}, not a condition: compare it, e.g. {Example(operand)}");

    private RuleToken Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw Error(Peek.At, $"expected {what}, found {(Peek.Kind == TokenKind.End ? "the end of the rule" : $"'{Peek.Text}'")}");
        }

        return Take();
    }

    private void Enter(RulePosition at)
    {
        if (++_depth > RuleLanguage.MaxDepth)
        {
            throw Error(at, $"the rule nests deeper than {RuleLanguage.MaxDepth} levels");
        }
    }

    private int Count(RulePosition at)
    {
        if (++_nodes > RuleLanguage.MaxNodes)
        {
            throw Error(at, $"the rule has more than {RuleLanguage.MaxNodes} parts; split it into several rules");
        }

        return _nodes;
    }

    private static string Suggestion(string name)
    {
        var closest = RuleFields.All.Keys.Select(k => (Name: k, Distance: Distance(name, k))).MinBy(x => x.Distance);
        return closest.Distance <= 3 ? $"; did you mean '{closest.Name}'?" : "";
    }

    /// <summary>Levenshtein distance, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var (diagonal, row0) = (row[0], i);
            row[0] = row0;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static string Words(RuleType type) => type switch
    {
        RuleType.Condition => "a yes/no condition",
        RuleType.Number => "a number",
        RuleType.Money => "an amount",
        _ => "text",
    };

    private static string Shown(Operand operand) => operand.Name is { } name ? $"'{name}'" : "this value";

    private static string Example(Operand operand) => operand.Type switch
    {
        RuleType.Money => $"{operand.Name ?? "order.amount"} > 50000",
        RuleType.Text => $"{operand.Name ?? "merchant.category"} == \"electronics\"",
        _ => $"{operand.Name ?? "device.orders_24h"} >= 3",
    };

    private static RuleSyntaxException Error(RulePosition at, string message) => new(new RuleError(at, message));

    /// <summary>One checked piece of a rule: its type and how to read it from the facts.</summary>
    private sealed record Operand(RulePosition At, RuleType Type, string? Name, bool IsLiteral, bool IsWhole, string? Text,
        Func<RuleFacts, bool>? Test, Func<RuleFacts, double>? Number, Func<RuleFacts, string?>? TextOf, Func<RuleFacts, bool>? Known)
    {
        public static Operand Condition(RulePosition at, Func<RuleFacts, bool> test, int _, bool literal = false) =>
            new(at, RuleType.Condition, null, literal, false, null, test, null, null, _ => true);

        public static Operand Field(RulePosition at, RuleField field, int _)
        {
            var number = field.Number;
            return field.Type switch
            {
                RuleType.Condition => new(at, RuleType.Condition, field.Name, false, false, null, f => number(f) == 1, number, null,
                    f => !double.IsNaN(number(f))),
                RuleType.Text => new(at, RuleType.Text, field.Name, false, false, null, null, null, field.Text, null),
                _ => new(at, field.Type, field.Name, false, false, null, null, number, field.Text, null),
            };
        }

        public static Operand Literal(RulePosition at, RuleType type, double number, string? text, int _, bool whole = false) =>
            new(at, type, null, true, whole, text, null, _ => number, _ => text, null);
    }
}
