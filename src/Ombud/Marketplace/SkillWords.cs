namespace Ombud.Marketplace;

/// <summary>A skill as people read it on a page.</summary>
internal static class SkillWords
{
    public static string Of(Skill skill) => skill switch
    {
        Skill.Payments => "Payments and balances",
        Skill.Returns => "Returns and refunds",
        Skill.Disputes => "Disputes",
        Skill.FraudFirstResponse => "Fraud first response",
        Skill.VulnerableCustomers => "Vulnerable customers",
        Skill.FinancialDifficulty => "Financial difficulty",
        _ => skill.ToString(),
    };
}
