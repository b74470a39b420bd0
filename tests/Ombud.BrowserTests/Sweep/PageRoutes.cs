using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Ombud.BrowserTests.Sweep;

/// <summary>
/// One routable page as the app's own assembly declares it (<c>@page</c> → <see cref="RouteAttribute"/>), with who may open
/// it (<c>[Authorize(Roles = …)]</c>, <c>[AllowAnonymous]</c>). Read from the assembly, so a page added later is swept
/// without editing the test.
/// </summary>
public sealed partial record PageRoute(string Template, string Page, IReadOnlyList<string>? Roles, bool Anonymous)
{
    /// <summary>Every page of the app, sorted by template.</summary>
    public static IReadOnlyList<PageRoute> All { get; } = typeof(Ombud.Web.OmbudPage).Assembly.GetTypes()
        .Where(type => typeof(IComponent).IsAssignableFrom(type) && !type.IsAbstract)
        .SelectMany(type => type.GetCustomAttributes<RouteAttribute>().Select(route => new PageRoute(
            route.Template, type.Name, RolesOf(type), type.IsDefined(typeof(AllowAnonymousAttribute)))))
        .OrderBy(route => route.Template, StringComparer.Ordinal)
        .ToList();

    public bool HasParameters => Template.Contains('{', StringComparison.Ordinal);

    /// <summary>Whether a person with <paramref name="role"/> (null: nobody signed in) may open the page.</summary>
    public bool OpensFor(string? role) => Anonymous || (role is not null && (Roles is null || Roles.Contains(role)));

    /// <summary>Whether <paramref name="path"/> (no query) is this page with its parameters filled in.</summary>
    public bool Matches(string path) => Pattern().IsMatch(path);

    private Regex Pattern() => new(
        "^" + ParameterSegment().Replace(Regex.Escape(Template).Replace(@"\{", "{", StringComparison.Ordinal), m =>
            m.Groups["constraint"].Value == "guid" ? "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" : "[^/]+") + "$",
        RegexOptions.IgnoreCase);

    /// <summary>The roles named by the page's [Authorize] attributes; null when any signed-in person may open it.</summary>
    private static List<string>? RolesOf(Type page)
    {
        var roles = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true)
            .Where(a => !string.IsNullOrEmpty(a.Roles))
            .SelectMany(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct()
            .ToList();
        return roles.Count == 0 ? null : roles;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)(:(?<constraint>[a-z]+))?\??}")]
    private static partial Regex ParameterSegment();
}
