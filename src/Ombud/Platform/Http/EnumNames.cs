namespace Ombud.Platform.Http;

/// <summary>
/// A value of an enum from text a client sent (a query filter, a form field): its name in any case, never a number, a
/// comma list of flags or a value the enum does not define — each of which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// would accept on its own.
/// </summary>
internal static class EnumNames
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsAsciiDigit) && !text.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
