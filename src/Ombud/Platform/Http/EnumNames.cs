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
        // Matched against the defined names themselves, so a name with a digit in it (payIn4) is read like any other,
        // while a number, a flag list or an unknown name matches none.
        value = default;
        if (Enum.GetNames<T>().FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is not { } found)
        {
            return false;
        }

        value = Enum.Parse<T>(found);
        return true;
    }
}
