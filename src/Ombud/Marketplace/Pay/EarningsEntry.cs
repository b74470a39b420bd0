using Ombud.Platform;

namespace Ombud.Marketplace.Pay;

/// <summary>
/// One line of an agent's earnings ledger, in minor units of the currency of the market they are paid in. Entries are
/// only ever added: a conversation's pay, a later CSAT bonus, a floor top-up. Each has a <see cref="SourceKey"/> that is
/// unique, so whatever replays (an event delivered twice, a timer fired on two nodes) nothing is paid twice.
/// </summary>
public sealed class EarningsEntry
{
    private EarningsEntry()
    {
    }

    private EarningsEntry(Guid agentId, EarningsKind kind, string sourceKey, Guid? conversationId, DateTime at, DateOnly day, string currency, string note)
    {
        Id = Guid.CreateVersion7(at);
        AgentId = agentId;
        Kind = kind;
        SourceKey = sourceKey;
        ConversationId = conversationId;
        At = at;
        Day = day;
        Currency = currency;
        Note = note;
        SurgePerMille = Surge.SurgeMultipliers.None;
    }

    public Guid Id { get; private set; }

    public Guid AgentId { get; private set; }

    public EarningsKind Kind { get; private set; }

    /// <summary>What this entry pays for, e.g. <c>conversation:&lt;id&gt;</c>, <c>csat-bonus:&lt;id&gt;</c>, <c>floor:&lt;agent&gt;:2026-12-04</c>.</summary>
    public string SourceKey { get; private set; } = "";

    public Guid? ConversationId { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The day (UTC) the entry counts for: the wrap-up's day, or the day a top-up makes up for.</summary>
    public DateOnly Day { get; private set; }

    public string Currency { get; private set; } = "";

    public long BaseMinor { get; private set; }

    public long ComplexityMinor { get; private set; }

    /// <summary>The surge multiplier at offer time in per mille (1000 = none); what it added is <see cref="SurgeMinor"/>.</summary>
    public int SurgePerMille { get; private set; }

    public long SurgeMinor { get; private set; }

    public long BonusMinor { get; private set; }

    public long FloorTopUpMinor { get; private set; }

    public long TotalMinor { get; private set; }

    /// <summary>Why, in words the agent reads on their earnings page.</summary>
    public string Note { get; private set; } = "";

    public Money Total => new(TotalMinor, Currency);

    public static EarningsEntry ForConversation(Guid agentId, Guid conversationId, DateTime wrappedUpAt, MarketPay pay, Skill skill, int surgePerMille,
        string note)
    {
        var entry = new EarningsEntry(agentId, EarningsKind.Conversation, $"conversation:{conversationId}", conversationId, wrappedUpAt,
            DateOnly.FromDateTime(wrappedUpAt), pay.Currency, note)
        {
            BaseMinor = pay.BaseMinor,
            ComplexityMinor = pay.ComplexityOf(skill),
            SurgePerMille = surgePerMille,
        };
        // Surge multiplies what the conversation pays; rounded down to a whole minor unit.
        entry.SurgeMinor = (entry.BaseMinor + entry.ComplexityMinor) * (surgePerMille - 1000) / 1000;
        entry.TotalMinor = entry.BaseMinor + entry.ComplexityMinor + entry.SurgeMinor;
        return entry;
    }

    public static EarningsEntry ForCsatBonus(Guid agentId, Guid conversationId, DateTime at, MarketPay pay) =>
        new(agentId, EarningsKind.CsatBonus, $"csat-bonus:{conversationId}", conversationId, at, DateOnly.FromDateTime(at), pay.Currency,
            "The shopper gave the conversation five stars.")
        {
            BonusMinor = pay.CsatBonusMinor,
            TotalMinor = pay.CsatBonusMinor,
        };

    public static EarningsEntry ForFloorTopUp(Guid agentId, DateOnly day, DateTime at, string currency, long topUpMinor, string note) =>
        new(agentId, EarningsKind.FloorTopUp, FloorKey(agentId, day), null, at, day, currency, note)
        {
            FloorTopUpMinor = topUpMinor,
            TotalMinor = topUpMinor,
        };

    public static string FloorKey(Guid agentId, DateOnly day) => $"floor:{agentId}:{day:yyyy-MM-dd}";
}

public enum EarningsKind
{
    Conversation,
    CsatBonus,
    FloorTopUp,
}
