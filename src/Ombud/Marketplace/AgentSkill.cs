using System.Text.Json;

namespace Ombud.Marketplace;

/// <summary>
/// A skill an agent has, at a level from 1 (learning) to 5 (expert). An admin certifies it before the agent gets
/// offers for it: an uncertified skill counts for nothing in dispatch.
/// </summary>
public sealed class AgentSkill
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;

    private AgentSkill()
    {
    }

    public AgentSkill(Guid agentId, Skill skill, int level)
    {
        AgentId = agentId;
        Skill = skill;
        Level = level;
    }

    public Guid AgentId { get; private set; }

    public Skill Skill { get; private set; }

    public int Level { get; private set; }

    public DateTime? CertifiedAt { get; private set; }

    /// <summary>Who certified it: <c>user:&lt;id&gt;</c> or <c>apikey:&lt;id&gt;</c>.</summary>
    public string? CertifiedBy { get; private set; }

    public bool IsCertified => CertifiedAt is not null;

    /// <summary>Records the certification (again, with a new level, when the agent was assessed anew).</summary>
    public void Certify(int level, string by, DateTime at)
    {
        Level = level;
        CertifiedBy = by;
        CertifiedAt = at;
    }
}

/// <summary>What a hand-off needs of the person who takes it.</summary>
public enum Skill
{
    Payments,
    Returns,
    Disputes,
    FraudFirstResponse,
    VulnerableCustomers,

    /// <summary>Shoppers who cannot pay: forbearance options, plan adjustments, debt-advice signposting.</summary>
    FinancialDifficulty,
}

/// <summary>Skills by the names the API uses (camelCase, as in JSON).</summary>
public static class Skills
{
    public static IEnumerable<string> Names => Enum.GetNames<Skill>().Select(JsonNamingPolicy.CamelCase.ConvertName);

    /// <summary>A skill by its API name, any case, kebab-case too (fraud-first-response); numbers are not names.</summary>
    public static Skill? Parse(string text) =>
        !text.Any(char.IsAsciiDigit) && Enum.TryParse<Skill>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var skill) ? skill : null;
}
