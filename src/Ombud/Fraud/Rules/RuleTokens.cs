using System.Globalization;
using System.Text;

namespace Ombud.Fraud.Rules;

internal enum TokenKind
{
    Name,
    Number,
    Text,
    Operator,
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    And,
    Or,
    Not,
    In,
    True,
    False,
    End,
}

/// <summary>A place in a rule's text, 1-based, as an editor shows it.</summary>
internal readonly record struct RulePosition(int Line, int Column)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}");
}

internal sealed record RuleToken(TokenKind Kind, string Text, RulePosition At);

/// <summary>Why a rule was refused, and where: "1:17: unknown name 'order.amont'".</summary>
internal sealed record RuleError(RulePosition At, string Message)
{
    public override string ToString() => $"{At}: {Message}";
}

internal sealed class RuleSyntaxException(RuleError error) : Exception(error.ToString())
{
    public RuleError Error { get; } = error;
}

/// <summary>Splits a rule's text into tokens, each with its line and column.</summary>
internal static class RuleTokenizer
{
    public static List<RuleToken> Tokenize(string text)
    {
        var tokens = new List<RuleToken>();
        var (i, line, lineStart) = (0, 1, 0);
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                if (text[i] == '\n')
                {
                    (line, lineStart) = (line + 1, i + 1);
                }

                i++;
            }

            var at = new RulePosition(line, i - lineStart + 1);
            if (i >= text.Length)
            {
                tokens.Add(new RuleToken(TokenKind.End, "", at));
                return tokens;
            }

            var c = text[i];
            var start = i;
            if (char.IsAsciiLetter(c))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new RuleToken(Keyword(word), word, at));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '_'))
                {
                    i++;
                }

                tokens.Add(new RuleToken(TokenKind.Number, text[start..i].Replace("_", "", StringComparison.Ordinal), at));
            }
            else if (c is '"' or '\'')
            {
                tokens.Add(new RuleToken(TokenKind.Text, ReadText(text, ref i, at), at));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "==" or "!=" or "<=" or ">=")
                {
                    tokens.Add(new RuleToken(TokenKind.Operator, two, at));
                    i += 2;
                    continue;
                }

                var kind = c switch
                {
                    '<' or '>' => TokenKind.Operator,
                    '(' => TokenKind.Open,
                    ')' => TokenKind.Close,
                    '[' => TokenKind.OpenList,
                    ']' => TokenKind.CloseList,
                    ',' => TokenKind.Comma,
                    '=' => throw new RuleSyntaxException(new RuleError(at, "use '==' to compare")),
                    '&' or '|' or '!' => throw new RuleSyntaxException(new RuleError(at, $"'{c}' is not part of the language: write 'and', 'or', 'not' or '!='")),
                    _ => throw new RuleSyntaxException(new RuleError(at, $"unexpected character '{c}'")),
                };
                tokens.Add(new RuleToken(kind, c.ToString(), at));
                i++;
            }
        }
    }

    private static TokenKind Keyword(string word) => word switch
    {
        "and" => TokenKind.And,
        "or" => TokenKind.Or,
        "not" => TokenKind.Not,
        "in" => TokenKind.In,
        "true" => TokenKind.True,
        "false" => TokenKind.False,
        _ => TokenKind.Name,
    };

    private static string ReadText(string text, ref int i, RulePosition at)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\n')
            {
                break;
            }

            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            value.Append(text[i++]);
            if (value.Length > RuleLanguage.MaxTextLength)
            {
                throw new RuleSyntaxException(new RuleError(at, $"text longer than {RuleLanguage.MaxTextLength} characters"));
            }
        }

        if (i >= text.Length || text[i] != quote)
        {
            throw new RuleSyntaxException(new RuleError(at, "text not closed: a quote is missing"));
        }

        i++;
        return value.ToString();
    }
}
