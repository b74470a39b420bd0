using Microsoft.VisualBasic.FileIO;

namespace Ombud.Assistant.Nlu;

/// <summary>Why a labelled CSV could not be used, in words an operator can act on.</summary>
internal sealed record IntentDataError(string Message);

/// <summary>
/// Reads labelled utterances from a CSV with a header row. Quoted fields (commas, quotes and line breaks inside) are
/// handled by the framework's own RFC 4180 parser, so an utterance like <c>"hi, it's me"</c> stays one field.
/// </summary>
internal static class IntentCsv
{
    public static (IReadOnlyList<IntentExample> Rows, IntentDataError? Error) Read(string path, string textColumn, string labelColumn)
    {
        if (!File.Exists(path))
        {
            return ([], new IntentDataError($"{path}: no such file."));
        }

        using var parser = new TextFieldParser(path, System.Text.Encoding.UTF8)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        try
        {
            var header = parser.ReadFields();
            if (header is null)
            {
                return ([], new IntentDataError($"{path}: the file is empty; it needs a header row naming the columns '{textColumn}' and '{labelColumn}'."));
            }

            var text = Array.FindIndex(header, h => string.Equals(h.Trim(), textColumn, StringComparison.OrdinalIgnoreCase));
            var label = Array.FindIndex(header, h => string.Equals(h.Trim(), labelColumn, StringComparison.OrdinalIgnoreCase));
            var missing = new[] { (text, textColumn), (label, labelColumn) }.Where(c => c.Item1 < 0).Select(c => $"'{c.Item2}'").ToList();
            if (missing.Count > 0)
            {
                return ([], new IntentDataError(
                    $"{path}: no column {string.Join(" or ", missing)} in the header (it has: {string.Join(", ", header.Select(h => $"'{h}'"))}). " +
                    "Name the columns with --text-column and --label-column."));
            }

            var rows = new List<IntentExample>();
            // The parser's line number is that of the next line to read, so it is taken before each read.
            for (var next = parser.LineNumber; parser.ReadFields() is { } fields; next = parser.LineNumber)
            {
                var line = $"line {next}";
                if (fields.Length != header.Length)
                {
                    return ([], new IntentDataError($"{path}: {line} has {fields.Length} fields where the header has {header.Length}; quote fields that contain commas."));
                }

                if (string.IsNullOrWhiteSpace(fields[label]))
                {
                    return ([], new IntentDataError($"{path}: {line} has no label in column '{labelColumn}'."));
                }

                rows.Add(new IntentExample { Text = fields[text], Label = fields[label].Trim() });
            }

            return rows.Count == 0
                ? ([], new IntentDataError($"{path}: the file has a header but no rows."))
                : (rows, null);
        }
        catch (MalformedLineException malformed)
        {
            return ([], new IntentDataError($"{path}: line {malformed.LineNumber} is not valid CSV (an unclosed or stray quote?): {malformed.Message}"));
        }
    }
}
