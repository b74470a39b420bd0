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
    /// <summary>
    /// The demo roles a page policy lets in. The staff desk also opens to agents of the staff tier, but the demo agent
    /// is a pro gig agent, who is refused. A page naming a policy missing here fails discovery by name. (Declared before
    /// <see cref="All"/>: static fields initialise in order.)
    /// </summary>
    private static readonly Dictionary<string, string[]> PolicyRoles = new()
    {
        [Ombud.Platform.Auth.Policies.StaffDesk] = [Ombud.Platform.Auth.Roles.Admin, Ombud.Platform.Auth.Roles.FraudSpecialist],
    };

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

    /// <summary>The roles named by the page's [Authorize] attributes (or its policy's); null when any signed-in person may open it.</summary>
    private static List<string>? RolesOf(Type page)
    {
        var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
        var roles = authorize
            .Where(a => !string.IsNullOrEmpty(a.Roles))
            .SelectMany(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Concat(authorize.Where(a => !string.IsNullOrEmpty(a.Policy)).SelectMany(a => PolicyRoles.TryGetValue(a.Policy!, out var named)
                ? named
                : throw new InvalidOperationException($"{page.Name} needs policy '{a.Policy}': say in PageRoute.PolicyRoles which demo roles it lets in.")))
            .Distinct()
            .ToList();
        return roles.Count == 0 ? null : roles;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)(:(?<constraint>[a-z]+))?\??}")]
    private static partial Regex ParameterSegment();
}
