using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using Microsoft.EntityFrameworkCore;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Type = System.Type;

namespace Ombud.Tests;

/// <summary>
/// The module boundaries of the monolith, kept by tests rather than by hope. The table mirrors
/// "Who talks to whom" in docs/architecture.md; change both together.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Each module and the modules it may use. Pages are part of their module; nothing is exempt.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Platform"] = [],
        ["Web"] = ["Platform"],
        ["Commerce"] = ["Platform", "Web"],
        ["Conversations"] = ["Platform", "Web", "Commerce"],
        ["Disputes"] = ["Platform", "Web", "Commerce", "Conversations"],
        ["Assistant"] = ["Platform", "Web", "Commerce", "Conversations", "Disputes"],
        ["Marketplace"] = ["Platform", "Web", "Commerce", "Conversations", "Disputes"],
        ["Fraud"] = ["Platform", "Web", "Commerce", "Conversations", "Disputes"],
        ["Insights"] = ["Platform", "Web", "Commerce", "Conversations", "Disputes"],
    };

    /// <summary>
    /// A module uses another through its read services and records, never its entities; these are the named
    /// exceptions (user, used module, entity, why). Platform's entities (users, keys, audit) are its API.
    /// </summary>
    private static readonly (string User, string Owner, string Entity, string Why)[] EntityAllowances =
    [
        ("Disputes", "Commerce", "Order", "the payment pause and refunds change the order's plan"),
        ("Disputes", "Commerce", "PaymentPlan", "the payment pause holds and releases instalments"),
        ("Disputes", "Commerce", "Instalment", "the payment pause holds and releases instalments"),
        ("Disputes", "Commerce", "Refund", "a closed dispute pays its refund as an ordinary refund"),
        ("Conversations", "Commerce", "Customer", "a conversation's foreign key to its customer (storage only)"),
    ];

    private static readonly System.Reflection.Assembly App = typeof(global::Ombud.Platform.Money).Assembly;

    private static readonly Architecture Ombud = new ArchLoader().LoadAssemblies(App).Build();

    [Fact]
    public void Every_module_uses_only_the_modules_and_records_the_table_allows()
    {
        var entities = EntityTypes().ToList();
        var violations = new List<string>();
        foreach (var (module, allowed) in MayUse)
        {
            foreach (var other in MayUse.Keys.Where(o => o != module))
            {
                var forbidden = allowed.Contains(other)
                    ? EntitiesOf(other, module, entities)
                    : Types().That().ResideInNamespaceMatching(Namespace(other));
                if (forbidden is null)
                {
                    continue;
                }
                violations.AddRange(TypesOf(module).Should().NotDependOnAny(forbidden).WithoutRequiringPositiveResults().Evaluate(Ombud)
                    .Where(r => !r.Passed)
                    .Select(r => $"{module} → {other}{(allowed.Contains(other) ? "'s entities" : "")}: {r.Description}"));
            }
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Modules_do_not_depend_on_each_other_in_a_cycle()
    {
        // ArchUnitNET's slices cut at every namespace level; a module is the first level below Ombud.
        var uses = Ombud.Types
            .Where(t => ModuleOf(t.Namespace.FullName) is not null && !t.Namespace.FullName.StartsWith("Ombud.Platform.Storage.Migrations", StringComparison.Ordinal))
            .SelectMany(t => t.Dependencies.Select(d => (From: ModuleOf(t.Namespace.FullName)!, To: ModuleOf(d.Target?.Namespace?.FullName))))
            .Where(e => e.To is not null && e.To != e.From)
            .Distinct()
            .ToLookup(e => e.From, e => e.To!);
        var cycles = uses.Select(m => m.Key).Select(m => CycleFrom(m, uses)).OfType<string>().Distinct().ToList();
        Assert.True(cycles.Count == 0, "Modules in a cycle: " + string.Join("; ", cycles));
    }

    /// <summary>
    /// Forms use the live fields (<see cref="global::Ombud.Web.Components.LiveTextField{T}"/>), whose value follows each
    /// keystroke: a MudBlazor field bound on change lets a button that reads it at once act on the old text.
    /// </summary>
    [Fact]
    public void Forms_use_the_fields_that_take_each_keystroke()
    {
        string[] live = ["Ombud.Web.Components.LiveTextField`1", "Ombud.Web.Components.LiveNumericField`1"];
        string[] onChange = ["MudBlazor.MudTextField`1", "MudBlazor.MudNumericField`1"];
        var users = Ombud.Types
            .Where(t => !live.Contains(t.FullName))
            .Where(t => t.Dependencies.Any(d => onChange.Any(f => d.Target?.FullName?.StartsWith(f, StringComparison.Ordinal) == true)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(users.Count == 0, "Use LiveTextField or LiveNumericField instead of MudBlazor's own in: " + string.Join(", ", users));
    }

    private static string? ModuleOf(string? ns) => ns is not null && ns.StartsWith("Ombud.", StringComparison.Ordinal) ? ns.Split('.')[1] : null;

    /// <summary>A path of module uses that leads from <paramref name="start"/> back to it, or null.</summary>
    private static string? CycleFrom(string start, ILookup<string, string> uses)
    {
        var path = new Stack<string>([start]);
        var seen = new HashSet<string>();
        return Walk(start);

        string? Walk(string module)
        {
            foreach (var next in uses[module])
            {
                if (next == start)
                {
                    return string.Join(" → ", path.Reverse().Append(start));
                }
                if (seen.Add(next))
                {
                    path.Push(next);
                    if (Walk(next) is { } found)
                    {
                        return found;
                    }
                    path.Pop();
                }
            }
            return null;
        }
    }

    [Fact]
    public void The_table_names_every_module_in_the_code()
    {
        var modules = App.GetTypes().Select(t => t.Namespace ?? "").Where(n => n.StartsWith("Ombud.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1]).Distinct();
        Assert.All(modules, m => Assert.Contains(m, MayUse.Keys));
    }

    private static string Namespace(string module) => $@"^Ombud\.{module}(\..*)?$";

    private static ArchUnitNET.Fluent.Syntax.Elements.Types.GivenTypesConjunction TypesOf(string module) =>
        Types().That().ResideInNamespaceMatching(Namespace(module))
            .And().DoNotResideInNamespaceMatching(@"^Ombud\.Platform\.Storage\.Migrations(\..*)?$");

    /// <summary>The entities of <paramref name="owner"/> that <paramref name="user"/> may not name, or null when there are none.</summary>
    private static ArchUnitNET.Fluent.Syntax.Elements.Types.GivenTypesConjunction? EntitiesOf(
        string owner, string user, IEnumerable<(string Module, Type Type)> entities)
    {
        var names = entities.Where(e => e.Module == owner && !IsAllowed(user, e))
            .Select(e => System.Text.RegularExpressions.Regex.Escape(e.Type.FullName!)).ToList();
        return names.Count == 0 ? null : Types().That().HaveFullNameMatching($"^({string.Join('|', names)})$");
    }

    private static bool IsAllowed(string user, (string Module, Type Type) entity) =>
        entity.Module == "Platform"
        || EntityAllowances.Any(a => a.User == user && a.Owner == entity.Module && a.Entity == entity.Type.Name);

    /// <summary>The entities each module stores: the types its <c>IEntityTypeConfiguration</c> classes configure.</summary>
    private static IEnumerable<(string Module, Type Type)> EntityTypes() =>
        App.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .Select(t => (t.Namespace!.Split('.')[1], t));
}
