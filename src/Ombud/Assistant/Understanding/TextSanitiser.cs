using System.Globalization;
using System.Text;

namespace Ombud.Assistant.Understanding;

/// <summary>
/// Makes a shopper's text safe to store, show and read: Unicode normalised (NFC), control and format characters
/// (zero-width, bidirectional overrides) removed, unpaired surrogates dropped, whitespace folded. Emoji and every script
/// stay, because they are what the shopper wrote; <see cref="LettersOnly"/> gives the reading the lexicons use.
/// </summary>
internal static class TextSanitiser
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var lastWasSpace = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[++i]);
                    lastWasSpace = false;
                }

                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category is UnicodeCategory.Control)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            // Zero-width joiners inside emoji sequences are harmless; direction overrides and other format characters can disguise text.
            if (category is UnicodeCategory.Format && c != '\u200D')
            {
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        var cleaned = builder.ToString().Trim();
        return cleaned.IsNormalized(NormalizationForm.FormC) ? cleaned : cleaned.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Lower case, letters and digits only, accents kept (å, ä, ö, ü, ß carry meaning), everything else one space.</summary>
    public static string LettersOnly(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (c == '\'' || c == '’')
            {
                // "don't" stays one word.
                continue;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>"människa" → "manniska", "Größe" → "grosse": for matching what people type on keyboards without the letters.</summary>
    public static string FoldAccents(string text)
    {
        var decomposed = text.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string[] Words(string text) => LettersOnly(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
