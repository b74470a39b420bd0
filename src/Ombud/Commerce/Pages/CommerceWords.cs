namespace Ombud.Commerce.Pages;

/// <summary>How Commerce's words read on the pages. One place, so every page says "Pay in 4" the same way.</summary>
internal static class CommerceWords
{
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
