using Ombud.Fraud.Cases;
using Ombud.Platform;
using Ombud.Platform.Http;

namespace Ombud.Fraud.Api;

public sealed record CaseOpenRequest(Guid? OrderId, string? Summary);

public sealed record CaseAssignRequest(string? AssigneeId);

public sealed record CaseNoteRequest(string? Text);

/// <summary>External evidence: what it shows and where it is (a public post); a screenshot is added on the case page.</summary>
public sealed record CaseEvidenceRequest(string? Text, string? Link);

public sealed record CaseDecisionRequest(Liability? Liability, string? Note);

/// <summary>Money recovered from the merchant or written off, in minor units of the case's currency.</summary>
public sealed record CaseRecoveryRequest(RecoveryKind? Kind, long? Amount, string? Currency, string? Note);

/// <summary>A case after a move: where it stands and what is left to recover.</summary>
public sealed record CaseStatus(Guid Id, CaseState State, Guid OrderId, Guid? DisputeId, string? AssigneeId, string? AssigneeName, Liability? Liability,
    Money AtStake, Money RecoveryDue, Money Recovered, Money WrittenOff, Money RecoveryOpen)
{
    internal static CaseStatus Of(FraudCase c) => new(c.Id, c.State, c.OrderId, c.DisputeId, c.AssigneeId, c.AssigneeName, c.Liability, c.AtStake,
        new Money(c.RecoveryDueMinor, c.Currency), new Money(c.RecoveredMinor, c.Currency), new Money(c.WrittenOffMinor, c.Currency),
        new Money(c.RecoveryOpenMinor, c.Currency));
}

internal static class CaseQuery
{
    /// <summary>Reads the queue's filters from the query string, naming the parameter that is wrong.</summary>
    public static Outcome<CaseFilter> Filter(string? state, string? holder, string? source, int? limit)
    {
        CaseState? wantedState = null;
        if (state is not null)
        {
            if (!EnumNames.TryParse<CaseState>(state, out var parsed))
            {
                return Invalid.Field("state", "One of: open, investigating, decided, recoveryPending, closed.");
            }

            wantedState = parsed;
        }

        CaseSource? wantedSource = null;
        if (source is not null)
        {
            if (!EnumNames.TryParse<CaseSource>(source, out var parsed))
            {
                return Invalid.Field("source", "One of: unauthorisedReport, reviewDecision, manual.");
            }

            wantedSource = parsed;
        }

        if (holder is not null and not (CaseFilter.Mine or CaseFilter.Unassigned or "all"))
        {
            return Invalid.Field("holder", "One of: mine, unassigned, all.");
        }

        if (limit is < 1 or > CaseReads.MaxLimit)
        {
            return Invalid.Field("limit", $"From 1 to {CaseReads.MaxLimit}.");
        }

        return new CaseFilter(wantedState, holder, wantedSource, limit ?? 50);
    }
}
