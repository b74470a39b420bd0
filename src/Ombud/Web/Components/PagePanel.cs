using Microsoft.AspNetCore.Components;

namespace Ombud.Web.Components;

/// <summary>
/// A component a module adds to a place on another module's page, registered like a menu entry
/// (<see cref="PagePanels.AddPagePanel{T}"/>), so neither module names the other: the Fraud module's risk decision
/// beside an order staff look at (<see cref="PagePanels.StaffOrder"/>, given <c>OrderId</c>), its latest decisions on
/// the fraud home page (<see cref="PagePanels.FraudHome"/>).
/// </summary>
internal sealed record PagePanel(string Slot, Type Component);

internal static class PagePanels
{
    /// <summary>Beside an order on a staff page; the panel receives the order's id as <c>OrderId</c>.</summary>
    public const string StaffOrder = "staff-order";

    /// <summary>On the staff desk's customer page; the panel receives the customer's id as <c>CustomerId</c>.</summary>
    public const string StaffCustomer = "staff-customer";

    /// <summary>On the fraud specialist's home page.</summary>
    public const string FraudHome = "fraud-home";

    /// <summary>Under the sign-in form, for people without an account yet (a static page: the panel gets no live connection).</summary>
    public const string SignIn = "sign-in";

    /// <summary>At the end of a shopper's own page; the panel receives their customer id as <c>CustomerId</c>.</summary>
    public const string ShopperHome = "shopper-home";

    public static IServiceCollection AddPagePanel<T>(this IServiceCollection services, string slot) where T : IComponent =>
        services.AddSingleton(new PagePanel(slot, typeof(T)));
}
