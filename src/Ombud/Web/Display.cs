using System.Globalization;
using Ombud.Commerce;

namespace Ombud.Web;

/// <summary>How dates and domain words read on the pages. One place, so every page says "Pay in 4" the same way.</summary>
internal static class Display
{
    public static string Date(DateTime value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime value) => value.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Percent(int part, int whole) =>
        whole == 0 ? "–" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);

    public static string Plan(PlanKind kind) => kind switch
    {
        PlanKind.PayIn4 => "Pay in 4",
        PlanKind.PayIn30Days => "Pay in 30 days",
        PlanKind.Financing => "Financing",
        _ => kind.ToString(),
    };

    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyReturned => "Partly returned",
        _ => status.ToString(),
    };

    public static string Status(InstalmentStatus status) => status switch
    {
        InstalmentStatus.PaidLate => "Paid late",
        _ => status.ToString(),
    };
}
