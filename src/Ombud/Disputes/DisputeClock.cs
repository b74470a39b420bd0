using Microsoft.Extensions.Options;

namespace Ombud.Disputes;

/// <summary>
/// Computes a dispute's deadlines. They are stored on the dispute as data, so a later change of policy does not move
/// the deadlines of disputes already running, and a timer can find what is due with a query.
/// </summary>
internal sealed class DisputeClock(TimeProvider time, IOptions<DisputeOptions> options)
{
    private static readonly HashSet<string> EuMarkets =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ];

    private DisputeOptions Options => options.Value;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public RegulatoryPolicy PolicyFor(string market) => market.ToUpperInvariant() switch
    {
        "US" => Options.Us,
        "UK" or "GB" => Options.Uk,
        var m when EuMarkets.Contains(m) => Options.Eu,
        _ => Options.Other,
    };

    public RegulatoryDeadlines Regulatory(string market, DateTime receivedAt)
    {
        var policy = PolicyFor(market);
        var finalDays = policy.BillingCycleDays is { } cycle ? Math.Min(2 * cycle, policy.FinalResponseWithin) : policy.FinalResponseWithin;
        return new RegulatoryDeadlines(
            policy.Name,
            After(receivedAt, policy.AcknowledgeWithin, policy.AcknowledgeInBusinessDays),
            After(receivedAt, finalDays, policy.FinalResponseInBusinessDays),
            // "By close of business on the third business day": the deadline is the end of that day (midnight UTC after it).
            policy.SummaryResolutionBusinessDays is { } days ? AddBusinessDays(receivedAt.Date, days).AddDays(1) : null);
    }

    public DateTime StoreResolutionDeadline(DateTime reportedAt, bool withReturn) =>
        reportedAt.AddDays(withReturn ? Options.StoreResolutionWithReturnDays : Options.StoreResolutionDays);

    public DateTime MerchantDeadline(DisputeReason reason, DateTime from) => reason switch
    {
        DisputeReason.HighRiskPurchase => from.AddHours(Options.HighRiskMerchantHours),
        DisputeReason.UnauthorisedPurchase => from.AddDays(Options.UnauthorisedMerchantDays),
        _ => from.AddDays(Options.MerchantDays),
    };

    public DateTime AppealDeadline(DateTime from) => from.AddDays(Options.AppealDays);

    private static DateTime After(DateTime from, int days, bool businessDays) =>
        businessDays ? AddBusinessDays(from, days) : from.AddDays(days);

    /// <summary>Monday to Friday; public holidays differ by market and are not modelled yet, which only errs early.</summary>
    private static DateTime AddBusinessDays(DateTime from, int days)
    {
        var at = from;
        while (days > 0)
        {
            at = at.AddDays(1);
            if (at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return at;
    }
}

/// <summary>The regulatory clocks of one dispute, computed when it was received.</summary>
public sealed record RegulatoryDeadlines(string Policy, DateTime AcknowledgeBy, DateTime FinalResponseBy, DateTime? SummaryResolutionBy);
