using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Disputes.Contracts;
using Ombud.Fraud.Contracts;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Cases;

/// <summary>What to open a case on: the order, what opened it (its unique key), the dispute if there is one, and why.</summary>
internal sealed record CaseRequest(CaseSource Source, string SourceKey, Guid OrderId, Guid? DisputeId, string Summary);

/// <summary>
/// Opens a case, once per source: stages the case, its first timeline entry, the assignment to the least-loaded
/// specialist, an audit entry and <c>fraud.case-opened</c> in the caller's unit of work. A second delivery of the
/// same report or decision finds the case already there and opens nothing.
/// </summary>
internal sealed class CaseOpening(OmbudDb db, UnitOfWork work, RiskHistory history, DisputeLiability disputes, FraudSpecialists specialists,
    AuditLog audit, DomainEvents events, TimeProvider clock)
{
    public async Task<Outcome<FraudCase>> OpenAsync(CaseRequest request, string actor, CancellationToken ct)
    {
        work.EnsureOpen("Opening a fraud case");
        if (await db.Set<FraudCase>().SingleOrDefaultAsync(c => c.SourceKey == request.SourceKey, ct) is { } existing)
        {
            return existing;
        }

        var order = await history.OrderAsync(request.OrderId, ct);
        if (order is null)
        {
            return new NotFound("order", request.OrderId.ToString());
        }

        var dispute = request.DisputeId is { } disputeId ? await disputes.FindAsync(disputeId, ct) : await disputes.OfOrderAsync(order.OrderId, ct);
        dispute = dispute is { IsOpen: true } ? dispute : null;
        var atStake = dispute?.Disputed ?? new Money(order.TotalMinor, order.Currency);
        var now = clock.GetUtcNow().UtcDateTime;
        var opened = new FraudCase(Guid.CreateVersion7(now), request.Source, request.SourceKey, order.OrderId, order.CustomerId, dispute?.Id, atStake,
            request.Summary, actor, now);
        db.Add(opened);
        db.Add(opened.Opened(actor, now));
        if (await specialists.LeastLoadedAsync(ct) is { } specialist)
        {
            db.Add(opened.Assign(specialist.Id, specialist.Name, "system:fraud.cases", now).Value!);
        }

        audit.Record(actor, "fraud.case-opened", Subject(opened), $"{request.Source.Words()}, {atStake}, order {order.OrderId}");
        events.Publish(FraudCaseOpened.Type, new FraudCaseOpened(opened.Id, opened.OrderId, opened.CustomerId, opened.DisputeId, opened.Source.ToString(),
            opened.AtStakeMinor, opened.Currency, opened.AssigneeId, now));
        return opened;
    }

    public static string Subject(FraudCase c) => $"fraud-case:{c.Id}";
}
