using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Ombud.Tests;

/// <summary>The module boundaries of the monolith, kept by tests rather than by hope.</summary>
public sealed class ArchitectureTests
{
    private const string BusinessModules = @"^Ombud\.(Commerce|Conversations|Disputes|Assistant|Marketplace|Fraud|Insights)(\..*)?$";
    private const string ModulesAboveCommerce = @"^Ombud\.(Conversations|Disputes|Assistant|Marketplace|Fraud|Insights|Web)(\..*)?$";

    private static readonly Architecture Ombud = new ArchLoader().LoadAssemblies(typeof(global::Ombud.Platform.Money).Assembly).Build();

    [Fact]
    public void Platform_knows_no_business_module() =>
        Types().That().ResideInNamespaceMatching(@"^Ombud\.Platform(\..*)?$")
            .And().DoNotResideInNamespaceMatching(@"\.Migrations(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(BusinessModules))
            .Check(Ombud);

    [Fact]
    public void Commerce_knows_nothing_above_it() =>
        Types().That().ResideInNamespaceMatching(@"^Ombud\.Commerce(\..*)?$")
            .And().DoNotResideInNamespaceMatching(@"^Ombud\.Commerce\.Pages(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(ModulesAboveCommerce))
            .Check(Ombud);

    [Fact]
    public void Disputes_knows_no_module_above_it() =>
        Types().That().ResideInNamespaceMatching(@"^Ombud\.Disputes(\..*)?$")
            .And().DoNotResideInNamespaceMatching(@"^Ombud\.Disputes\.Pages(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Ombud\.(Assistant|Marketplace|Insights|Web)(\..*)?$"))
            .Check(Ombud);

    [Fact]
    public void Conversations_knows_only_Commerce_and_Platform() =>
        Types().That().ResideInNamespaceMatching(@"^Ombud\.Conversations(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Ombud\.(Disputes|Assistant|Marketplace|Fraud|Insights|Web)(\..*)?$"))
            .Check(Ombud);

    [Fact]
    public void The_assistant_never_knows_the_marketplace() =>
        Types().That().ResideInNamespaceMatching(@"^Ombud\.Assistant(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Ombud\.Marketplace(\..*)?$"))
            .Check(Ombud);

    [Fact]
    public void The_assistant_reads_commerce_through_its_read_services_not_its_entities() =>
        Types().That().ResideInNamespaceMatching(@"^Ombud\.Assistant\.(Chat|Dialogue|Handoff|Understanding)(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespace("Ombud.Commerce").And().HaveNameMatching(
                "^(Order|Customer|Merchant|PaymentPlan|Instalment|Payment|Refund)$"))
            .Check(Ombud);
}
