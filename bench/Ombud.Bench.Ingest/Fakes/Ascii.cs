using System.Text;

namespace Ombud.Bench.Ingest.Fakes;

/// <summary>
/// Folds the few accented letters the fake names use into ASCII for e-mail local parts. Spelled out because the
/// tool runs with invariant globalisation, where Unicode normalisation is not available everywhere.
/// </summary>
internal static class Ascii
{
    public static string EmailPart(string name)
    {
        var builder = new StringBuilder(name.Length + 2);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(c switch
            {
                'å' or 'ä' or 'á' or 'à' => "a",
                'ö' or 'ø' or 'ó' => "o",
                'ü' or 'ú' => "u",
                'é' or 'è' or 'ë' => "e",
                'ß' => "ss",
                ' ' or '\'' => "",
                _ when char.IsAsciiLetterOrDigit(c) || c is '-' or '.' => c.ToString(),
                _ => "",
            });
        }

        return builder.ToString();
    }
}
