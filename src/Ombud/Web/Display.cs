using System.Globalization;

namespace Ombud.Web;

/// <summary>How dates and numbers read on the pages; each module says its own domain words (<c>CommerceWords</c>).</summary>
internal static class Display
{
    public static string Date(DateTime value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime value) => value.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A refusal in one line for a page: each invalid field with its message, or the error's own words.</summary>
    public static string Problem(Platform.DomainError error) => error is Platform.Invalid invalid
        ? string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
        : error.Detail;

    public static string Percent(int part, int whole) =>
        whole == 0 ? "–" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);
}
