using Microsoft.EntityFrameworkCore;
using Ombud.Commerce.Contracts;
using Ombud.Conversations;
using Ombud.Disputes.Contracts;
using Ombud.Fraud.Scoring;
using Ombud.Platform;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Cases;

/// <summary>Which cases the queue shows: by state (or every unfinished one), by who holds them, by what opened them.</summary>
public sealed record CaseFilter(CaseState? State = null, string? Holder = null, CaseSource? Source = null, int Limit = 50)
{
    /// <summary>Cases held by the caller.</summary>
    public const string Mine = "mine";

    public const string Unassigned = "unassigned";
}

/// <summary>Reads of cases for the API and the pages: the queue, one case with its evidence, a kept file.</summary>
internal sealed class CaseReads(OmbudDb db, CustomerOrders customers, RiskHistory history, DisputeLiability disputes, ConversationService conversations)
{
    public const int MaxLimit = 200;

    private const int ConversationsShown = 3;
    private const int MessagesShown = 30;

    public async Task<IReadOnlyList<CaseRow>> QueueAsync(CaseFilter filter, string? callerId, CancellationToken ct)
    {
        var cases = db.Set<FraudCase>().AsNoTracking();
        cases = filter.State is { } state ? cases.Where(c => c.State == state) : cases.Where(c => c.State != CaseState.Closed);
        cases = filter.Holder switch
        {
            CaseFilter.Mine => cases.Where(c => c.AssigneeId == callerId),
            CaseFilter.Unassigned => cases.Where(c => c.AssigneeId == null),
            _ => cases,
        };
        if (filter.Source is { } source)
        {
            cases = cases.Where(c => c.Source == source);
        }

        var rows = await cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).Take(Math.Clamp(filter.Limit, 1, MaxLimit)).ToListAsync(ct);
        var names = await customers.NamesAsync([.. rows.Select(c => c.CustomerId).Distinct()], ct);
        return [.. rows.Select(c => new CaseRow(c.Id, c.State, c.Source, c.OrderId, c.CustomerId, names.GetValueOrDefault(c.CustomerId, "unknown customer"),
            c.AtStake, c.AssigneeId, c.AssigneeName, c.Liability, c.OpenedAt))];
    }

    public async Task<CaseView?> CaseAsync(Guid caseId, CancellationToken ct)
    {
        var c = await db.Set<FraudCase>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return null;
        }

        var entries = await db.Set<CaseEntry>().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.At)
            .Select(e => new { e.Id, e.At, e.Kind, e.Actor, e.Text, e.Link, e.FileName }).ToListAsync(ct);
        var timeline = entries.Select(e => new TimelineItem(e.At, "case", $"{e.Kind} by {e.Actor}", e.Text, e.Link, e.FileName is null ? null : e.Id, e.FileName))
            .ToList();
        var name = (await customers.NamesAsync([c.CustomerId], ct)).GetValueOrDefault(c.CustomerId, "unknown customer");
        var order = (await customers.LatestAsync(c.CustomerId, 200, ct)).FirstOrDefault(o => o.Id == c.OrderId);
        var facts = await history.OrderAsync(c.OrderId, ct);
        var dispute = c.DisputeId is { } disputeId ? await disputes.FindAsync(disputeId, ct) : await disputes.OfOrderAsync(c.OrderId, ct);
        var decisions = await db.Set<FraudDecision>().AsNoTracking().Where(d => d.OrderId == c.OrderId).OrderBy(d => d.DecidedAt).ToListAsync(ct);
        timeline.AddRange(decisions.Select(d => new TimelineItem(d.DecidedAt, "risk", $"Risk decision: {d.Outcome} at {d.Score:0.00}",
            string.Join("; ", d.Reasons.Select(r => r.Text)))));
        if (dispute is not null)
        {
            timeline.Add(new TimelineItem(dispute.ReportedAt, "dispute", $"Dispute reported: {dispute.Reason}, {dispute.Disputed}", dispute.Description));
        }

        if (order is not null)
        {
            timeline.Add(new TimelineItem(order.PlacedAt, "order", $"Order {order.ExternalId ?? order.Id.ToString()[..8]} placed at {order.MerchantName}, {order.Total}",
                string.Join(", ", order.Lines.Select(l => $"{l.Quantity} × {l.Description}"))));
        }

        timeline.AddRange(await ConversationsAsync(c.CustomerId, ct));

        var (linked, suggestion) = facts is null ? ([], null) : await LinksAsync(facts, ct);
        return new CaseView(c.Id, c.State, c.Source, c.Summary, c.OrderId, order?.ExternalId, order?.MerchantName, c.CustomerId, name, c.AtStake,
            c.AssigneeId, c.AssigneeName, c.OpenedAt, c.Liability, c.DecisionNote, c.DecidedAt, new Money(c.RecoveryDueMinor, c.Currency),
            new Money(c.RecoveredMinor, c.Currency), new Money(c.WrittenOffMinor, c.Currency), new Money(c.RecoveryOpenMinor, c.Currency), dispute,
            facts is null ? null : new OrderIdentities(facts.Email, facts.Phone, facts.DeviceFingerprint, facts.IpAddress, facts.BillingAddress, facts.ShippingAddress),
            suggestion, [.. timeline.OrderByDescending(t => t.At)], linked);
    }

    public async Task<CaseFileDownload?> FileAsync(Guid caseId, Guid entryId, CancellationToken ct) =>
        await db.Set<CaseEntry>().AsNoTracking().Where(e => e.CaseId == caseId && e.Id == entryId && e.FileContent != null)
            .Select(e => new CaseFileDownload(e.FileName!, e.FileContentType!, e.FileContent!)).SingleOrDefaultAsync(ct);

    private async Task<(IReadOnlyList<LinkedOrder>, SuggestedOutcome)> LinksAsync(RiskOrderFacts facts, CancellationToken ct)
    {
        var earlier = await history.EarlierLinkedAsync(facts, ct);
        var ids = earlier.Select(o => o.OrderId).ToList();
        var labels = await history.LabelsAsync(ids, ct);
        var disputed = await disputes.DisputedAmongAsync(ids, ct);
        var names = await customers.NamesAsync([.. earlier.Select(o => o.CustomerId).Distinct()], ct);
        var linked = earlier.Take(50).Select(o => new LinkedOrder(o.OrderId, o.CustomerId, names.GetValueOrDefault(o.CustomerId, "unknown customer"), o.PlacedAt,
            new Money(o.TotalMinor, o.Currency), Shared(facts, o), labels.TryGetValue(o.OrderId, out var fraud) ? fraud : null, disputed.Contains(o.OrderId))).ToList();
        return (linked, CompellingEvidence.Suggest(facts, earlier, disputed, labels));
    }

    private async Task<IEnumerable<TimelineItem>> ConversationsAsync(Guid customerId, CancellationToken ct)
    {
        var items = new List<TimelineItem>();
        foreach (var id in await conversations.RecentAsync(customerId, ConversationsShown, ct))
        {
            if (await conversations.TranscriptAsync(id, customerId, ct) is { } transcript)
            {
                items.AddRange(transcript.Messages.TakeLast(MessagesShown).Select(m => new TimelineItem(m.At, "conversation", $"{m.AuthorName ?? m.Author.ToString()} wrote",
                    m.Text)));
            }
        }

        return items;
    }

    private static List<string> Shared(RiskOrderFacts a, RiskOrderFacts b)
    {
        var shared = new List<string>();
        void Add(bool same, string what)
        {
            if (same)
            {
                shared.Add(what);
            }
        }

        Add(a.CustomerId == b.CustomerId, "customer");
        Add(a.DeviceFingerprint is not null && a.DeviceFingerprint == b.DeviceFingerprint, "device");
        Add(a.IpAddress is not null && a.IpAddress == b.IpAddress, "IP address");
        Add(a.Email is not null && a.Email == b.Email, "e-mail");
        Add(a.Phone is not null && a.Phone == b.Phone, "phone");
        Add(a.ShippingAddress == b.ShippingAddress, "shipping address");
        Add(a.InstrumentFingerprint is not null && a.InstrumentFingerprint == b.InstrumentFingerprint, "payment card");
        return shared;
    }
}
