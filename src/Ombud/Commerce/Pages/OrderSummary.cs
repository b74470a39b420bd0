namespace Ombud.Commerce.Pages;

/// <summary>An order in a few words for a list: its first line and how many more.</summary>
internal static class OrderSummary
{
    public static string Of(Order order)
    {
        var first = order.Lines.MinBy(l => l.Number);
        return first is null ? "" : order.Lines.Count == 1 ? first.Description : $"{first.Description} and {order.Lines.Count - 1} more";
    }
}
