namespace Ombud.Assistant.Knowledge;

/// <summary>One how-to article of the knowledge base, in one language.</summary>
internal sealed record Article(string Id, string Language, string Title, string Keywords, string Body)
{
    /// <summary>
    /// Reads an article file: a front matter of <c>key: value</c> lines between <c>---</c> lines (id, language,
    /// title, keywords), then the body.
    /// </summary>
    public static Article Parse(string name, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length < 3 || lines[0].Trim() != "---")
        {
            throw new FormatException($"{name}: an article starts with a '---' front matter.");
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new FormatException($"{name}: the front matter is not closed with '---'.");
        }

        var fields = lines[1..end].Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        string Field(string key) => fields.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"{name}: the front matter has no '{key}'.");
        return new Article(Field("id"), Field("language"), Field("title"), fields.GetValueOrDefault("keywords", ""),
            string.Join('\n', lines[(end + 1)..]).Trim());
    }

    /// <summary>The first two sentences: what a chat reply quotes before pointing at the rest.</summary>
    public string Summary(int sentences = 2)
    {
        var taken = 0;
        for (var i = 0; i < Body.Length; i++)
        {
            if (Body[i] is '.' or '!' or '?' && (i + 1 == Body.Length || char.IsWhiteSpace(Body[i + 1])) && ++taken == sentences)
            {
                return Body[..(i + 1)];
            }
        }

        return Body;
    }
}
