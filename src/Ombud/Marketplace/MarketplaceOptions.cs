namespace Ombud.Marketplace;

/// <summary>How dispatch offers and widens (section <c>Ombud:Marketplace</c>; docs/marketplace.md).</summary>
public sealed class MarketplaceOptions
{
    public const string Section = "Ombud:Marketplace";

    /// <summary>How long an agent has to accept an offer before it goes to the next candidate.</summary>
    public int OfferSeconds { get; set; } = 20;

    /// <summary>At first only agents certified at this level or above (1–5) in the hand-off's skill are offered it.</summary>
    public int PreferredLevel { get; set; } = 3;

    /// <summary>Waited this long, any certified level of the skill will do.</summary>
    public int AnyLevelAfterSeconds { get; set; } = 30;

    /// <summary>Waited this long, any agent certified in any skill will do, except for fraud claims and vulnerable shoppers.</summary>
    public int AnySkillAfterSeconds { get; set; } = 90;

    /// <summary>Waited this long, staff agents take it whatever their skills; at once when nobody fitting is online.</summary>
    public int StaffAfterSeconds { get; set; } = 180;

    /// <summary>After the last widening, how often a hand-off that found nobody free is looked at again.</summary>
    public int RecheckSeconds { get; set; } = 30;

    /// <summary>An agent who rejected a hand-off, or let its offer expire, is not offered the same one again for this long.</summary>
    public int RetryDeclinedAfterSeconds { get; set; } = 120;

    /// <summary>Whether an agent who let an offer expire is set away (not at the keyboard), so offers stop going to them.</summary>
    public bool AwayAfterMissedOffer { get; set; } = true;

    /// <summary>
    /// A head start in the queue, in seconds of waiting, per reason to go first: a vulnerable shopper who asked now goes
    /// ahead of an ordinary one who has waited up to this long.
    /// </summary>
    public int VulnerableHeadStartSeconds { get; set; } = 600;

    public int FraudHeadStartSeconds { get; set; } = 600;

    public int RegulatoryHeadStartSeconds { get; set; } = 300;

    public int UpsetHeadStartSeconds { get; set; } = 120;

    /// <summary>The rating assumed for an agent nobody has rated yet (1–5).</summary>
    public double UnratedRating { get; set; } = 4.0;

    /// <summary>
    /// How long an agent's console may stay silent (no heartbeat, every connection gone) before they are set offline:
    /// a reload or a lost Wi-Fi does not cost them their status.
    /// </summary>
    public int PresenceGraceSeconds { get; set; } = 60;

    /// <summary>
    /// A shopper who waited at least this long for a person is also told by e-mail when the person answers: they may
    /// have left the chat meanwhile (whether they did is not tracked, so the wait stands for it).
    /// </summary>
    public int MailAnswerAfterSeconds { get; set; } = 60;

    public TimeSpan OfferTime => TimeSpan.FromSeconds(OfferSeconds);

    public bool IsValid() =>
        OfferSeconds >= 1 && PreferredLevel is >= AgentSkill.MinLevel and <= AgentSkill.MaxLevel && AnyLevelAfterSeconds >= 0
        && AnySkillAfterSeconds >= AnyLevelAfterSeconds && StaffAfterSeconds >= AnySkillAfterSeconds && RecheckSeconds >= 1 && PresenceGraceSeconds >= 1
        && RetryDeclinedAfterSeconds >= 0 && VulnerableHeadStartSeconds >= 0 && FraudHeadStartSeconds >= 0
        && MailAnswerAfterSeconds >= 0 && RegulatoryHeadStartSeconds >= 0 && UpsetHeadStartSeconds >= 0 && UnratedRating is >= 1 and <= 5;
}
