using System.Security.Claims;
using MudBlazor;
using Ombud.Platform.Auth;

namespace Ombud.Web;

/// <summary>The page each role lands on after signing in, and how the navigation names it.</summary>
internal static class RoleHomes
{
    /// <summary>
    /// In order of precedence: someone holding several roles lands on the first. Staff roles come before shopper and
    /// merchant so that an employee who also shops is taken to their work, not their purchases.
    /// </summary>
    public static readonly IReadOnlyList<RoleHome> All =
    [
        new(Roles.Admin, "/admin", "Administration", Icons.Material.Outlined.AdminPanelSettings),
        new(Roles.FraudSpecialist, "/fraud", "Fraud links", Icons.Material.Outlined.Hub),
        new(Roles.Agent, "/agent", "Work queue", Icons.Material.Outlined.SupportAgent),
        new(Roles.Analyst, "/analyst", "Volumes and rates", Icons.Material.Outlined.Insights),
        new(Roles.Merchant, "/merchant", "Store orders", Icons.Material.Outlined.Storefront),
        new(Roles.Shopper, "/shopper", "My orders", Icons.Material.Outlined.ShoppingBag),
    ];

    public static RoleHome? For(ClaimsPrincipal user) => All.FirstOrDefault(home => user.IsInRole(home.Role));

    public static IEnumerable<RoleHome> AllFor(ClaimsPrincipal user) => All.Where(home => user.IsInRole(home.Role));

    /// <summary>How a role is written for people: "fraud-specialist" → "Fraud specialist".</summary>
    public static string Label(string role) => char.ToUpperInvariant(role[0]) + role[1..].Replace('-', ' ');
}

internal sealed record RoleHome(string Role, string Path, string Title, string Icon);
