using System.Globalization;

namespace Ombud.Web;

/// <summary>How dates and numbers read on the pages; each module says its own domain words (<c>CommerceWords</c>).</summary>
internal static class Display
{
    public static string Date(DateTime value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime value) => value.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Percent(int part, int whole) =>
        whole == 0 ? "–" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);
}
