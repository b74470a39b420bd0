using System.Security.Claims;
using Microsoft.AspNetCore.Components.Routing;

namespace Ombud.Web.Layout;

/// <summary>
/// One entry of the navigation menu, registered by the module whose page it opens (<see cref="NavEntries.AddNavEntry"/>),
/// so the shell shows a module's pages without naming the module.
/// </summary>
/// <param name="Roles">Who sees it: any of these roles.</param>
/// <param name="Order">Place in the menu after the role's homes, lowest first.</param>
/// <param name="Match">Prefix highlights the entry on the pages below it too; All only on its own page.</param>
/// <param name="Shows">Who sees it when a role is not enough (the staff desk: agents of the staff tier only); replaces <paramref name="Roles"/>.</param>
internal sealed record NavEntry(string Title, string Href, string Icon, IReadOnlyList<string> Roles, int Order, NavLinkMatch Match = NavLinkMatch.Prefix,
    Func<ClaimsPrincipal, bool>? Shows = null)
{
    public bool IsFor(ClaimsPrincipal user) => Shows?.Invoke(user) ?? Roles.Any(user.IsInRole);
}

internal static class NavEntries
{
    public static IServiceCollection AddNavEntry(this IServiceCollection services, NavEntry entry) => services.AddSingleton(entry);

    /// <summary>The entries a person sees, in menu order.</summary>
    public static IEnumerable<NavEntry> For(this IEnumerable<NavEntry> entries, ClaimsPrincipal user) =>
        entries.Where(e => e.IsFor(user)).OrderBy(e => e.Order).ThenBy(e => e.Title, StringComparer.Ordinal);
}
