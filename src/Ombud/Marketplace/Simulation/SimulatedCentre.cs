using Ombud.Marketplace.Dispatch;

namespace Ombud.Marketplace.Simulation;

/// <summary>
/// The agents of a simulated centre and the needs of its hand-offs. Single: every agent certified in payments at
/// level 3, every hand-off about payments. Mixed: needs in the proportions a BNPL centre sees (payments 40 %, returns
/// 25 %, disputes 20 %, fraud 10 %, vulnerable shoppers 5 %); each agent has a main skill at level 4 or 5 in about
/// the same proportions and a second one at level 2, and every tenth agent is staff with all five at level 3.
/// </summary>
internal static class SimulatedCentre
{
    private static readonly (Skill Skill, double Share)[] Needs =
    [
        (Skill.Payments, 0.40), (Skill.Returns, 0.25), (Skill.Disputes, 0.20), (Skill.FraudFirstResponse, 0.10), (Skill.VulnerableCustomers, 0.05),
    ];

    /// <summary>Main skills in twentieths, as the needs are.</summary>
    private static readonly Skill[] MainSkills =
    [
        .. Enumerable.Repeat(Skill.Payments, 8), .. Enumerable.Repeat(Skill.Returns, 5), .. Enumerable.Repeat(Skill.Disputes, 4),
        .. Enumerable.Repeat(Skill.FraudFirstResponse, 2), Skill.VulnerableCustomers,
    ];

    /// <summary>
    /// How handling time scales with the agent's level in the hand-off's skill (level 3 handles in the mean time
    /// asked for): an expert is quicker, someone without the skill slowest. The simulation's assumption, not a measurement.
    /// </summary>
    public static double HandlingFactor(int level) => level switch
    {
        >= 5 => 0.75,
        4 => 0.85,
        3 => 1.0,
        2 => 1.2,
        1 => 1.35,
        _ => 1.6,
    };

    public static IReadOnlyList<DispatchAgent> Agents(int count, SkillMix mix, DateTime openedAt)
    {
        var languages = new HashSet<string> { "en" };
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var id = new Guid(i + 1, 0, 0, new byte[8]);
            var (tier, skills) = mix == SkillMix.Single
                ? (AgentTier.Pro, new Dictionary<Skill, int> { [Skill.Payments] = 3 })
                : i % 10 == 9
                    ? (AgentTier.Staff, Enum.GetValues<Skill>().ToDictionary(s => s, _ => 3))
                    : (AgentTier.Specialist, MixedSkills(i));
            return new DispatchAgent(id, tier, languages, skills, 1, 1, null, openedAt, new HashSet<Guid>());
        })];
    }

    public static Skill Need(SkillMix mix, Random random)
    {
        if (mix == SkillMix.Single)
        {
            return Skill.Payments;
        }

        var draw = random.NextDouble();
        foreach (var (skill, share) in Needs)
        {
            if ((draw -= share) < 0)
            {
                return skill;
            }
        }

        return Needs[^1].Skill;
    }

    private static Dictionary<Skill, int> MixedSkills(int i)
    {
        var main = MainSkills[i * 7 % MainSkills.Length];
        // The second skill is a common one, so the sensitive specialists also take everyday work when idle.
        var second = main == Skill.Payments ? Skill.Returns : Skill.Payments;
        return new Dictionary<Skill, int> { [main] = 4 + i % 2, [second] = 2 };
    }
}
