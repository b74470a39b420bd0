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

    /// <summary>What a shopper reads on a plan handed to collection: since when, and that the way back is still open.</summary>
    public static string InCollection(DateTime handedOverAt) =>
        $"This plan was handed over to collection on {Web.Display.Date(handedOverAt)}, after the notice we sent you. You can still pay what is "
        + "overdue, or talk to a person in the chat about a plan you can manage; free debt advice is listed in your notices.";

    public static string Status(InstalmentStatus status) => status switch
    {
        InstalmentStatus.PaidLate => "Paid late",
        _ => status.ToString(),
    };
}
