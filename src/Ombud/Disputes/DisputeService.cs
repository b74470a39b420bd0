using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Commerce.Contracts;
using Ombud.Disputes.Decisions;
using Ombud.Disputes.Evidence;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Disputes;

/// <summary>
/// The use cases of a dispute. Each loads the dispute, asks the entity to make its move, and stages the move, its
/// transition row, its audit entry, any domain event and any money it moves on the order's plan; the caller's
/// <see cref="UnitOfWork"/> saves them at once with whatever else the caller adds (an idempotency record, a
/// conversation's turn). A refused move saves nothing.
/// </summary>
/// <remarks>
/// Races are settled when the caller's unit of work saves: two writers on one dispute both append transition number
/// n + 1, two reports both open a dispute on one order, or PostgreSQL picks a deadlock's victim (a merchant's answer
/// while a timer holds the dispute's or the plan's row); the database refuses the second, which becomes a
/// <see cref="WriteConflict"/> and saves nothing.
/// </remarks>
internal sealed class DisputeService(OmbudDb db, UnitOfWork unitOfWork, DisputeClock clock, AuditLog audit, DomainEvents events, DecisionRules rules,
    OrderRefunds refunds)
{
    private const int MaxText = 4000;

    /// <summary>Evidence a dispute may hold in all, so files cannot grow a dispute without bound.</summary>
    private const int MaxFilesPerDispute = 50;

    /// <summary>Bytes of files one side (shopper or merchant) may store on one dispute: five files at the 7 MB limit.</summary>
    public const long MaxBytesPerParty = 5 * EvidenceUploads.MaxFileBytes;

    /// <summary>Bytes of files one dispute may hold from both sides together.</summary>
    public const long MaxBytesPerDispute = 2 * MaxBytesPerParty;

    public async Task<Outcome<Dispute>> ReportAsync(ProblemReport report, string actor, CancellationToken ct)
    {
        unitOfWork.EnsureOpen("Reporting a dispute");
        if (report.Description is { Length: > MaxText })
        {
            return Invalid.Field("description", $"At most {MaxText} characters.");
        }

        var order = await OrderAsync(report.OrderId, ct);
        if (order is null)
        {
            return new NotFound("order", report.OrderId.ToString());
        }

        long ceiling = order.TotalMinor;
        if (report.LineNumber is { } number)
        {
            if (order.Lines.FirstOrDefault(l => l.Number == number) is not { } line)
            {
                return Invalid.Field("lineNumber", $"The order has no line {number}.");
            }

            ceiling = line.TotalMinor;
        }

        var amount = report.AmountMinor ?? ceiling;
        if (amount <= 0 || amount > ceiling)
        {
            return Invalid.Field("amount", $"The disputed amount must be more than nothing and at most {new Money(ceiling, order.Currency)}.");
        }

        if (await db.Set<Dispute>().AnyAsync(d => d.OrderId == order.Id && d.State != DisputeState.Closed, ct))
        {
            return new Conflict("This order already has an open dispute; add information to it instead.");
        }

        var now = clock.Now;
        var opened = Dispute.Report(Guid.CreateVersion7(now), order, report.LineNumber, report.Reason, new Money(amount, order.Currency),
            await MarketAsync(order, ct), report.Description, actor, clock, now);
        if (!opened.Succeeded)
        {
            return opened;
        }

        var dispute = opened.Value!;
        db.Add(dispute);
        if (dispute.Reason == DisputeReason.UnauthorisedPurchase)
        {
            events.Publish(UnauthorisedPurchaseReported.Type, new UnauthorisedPurchaseReported(
                dispute.Id, dispute.OrderId, dispute.CustomerId, dispute.MerchantId, dispute.DisputedMinor, dispute.Currency, now));
        }

        audit.Record(actor, "dispute.reported", AuditSubject(dispute), $"{dispute.Reason}, {dispute.Disputed}");
        Announce(dispute);
        return dispute;
    }

    public async Task<Outcome<Dispute>> RaiseHighRiskAsync(Guid orderId, string? description, string actor, CancellationToken ct)
    {
        unitOfWork.EnsureOpen("Raising a high-risk purchase");
        var order = await OrderAsync(orderId, ct);
        if (order is null)
        {
            return new NotFound("order", orderId.ToString());
        }

        if (await db.Set<Dispute>().AnyAsync(d => d.OrderId == order.Id && d.State != DisputeState.Closed, ct))
        {
            return new Conflict("This order already has an open dispute.");
        }

        var now = clock.Now;
        var raised = Dispute.RaiseHighRisk(Guid.CreateVersion7(now), order, await MarketAsync(order, ct), description, actor, clock, now);
        if (!raised.Succeeded)
        {
            return raised;
        }

        db.Add(raised.Value!);
        audit.Record(actor, "dispute.high-risk-raised", AuditSubject(raised.Value!), raised.Value!.Disputed.ToString());
        Announce(raised.Value!);
        return raised;
    }

    public Task<Outcome<Dispute>> RegisterReturnAsync(Guid id, string carrier, string trackingNumber, string actor, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber) || carrier.Length > 50 || trackingNumber.Length > 100
            ? Refuse(Invalid.Field("trackingNumber", "A carrier (at most 50 characters) and a tracking number (at most 100) are required."))
            : MoveAsync(id, actor, (d, now) => d.RegisterReturn(carrier.Trim(), trackingNumber.Trim(), actor, clock, now), ct);

    public Task<Outcome<Dispute>> AddInformationAsync(Guid id, string text, string actor, CancellationToken ct) =>
        Text("text", text) is { } invalid ? Refuse(invalid) : MoveAsync(id, actor, (d, now) => d.AddInformation(text.Trim(), actor, now), ct);

    public Task<Outcome<Dispute>> MarkSettledAsync(Guid id, string? note, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.MarkSettled(actor, now, note), ct);

    /// <summary>The store writes to the shopper in the store period.</summary>
    public Task<Outcome<Dispute>> MessageShopperAsync(Guid id, string text, string actor, CancellationToken ct) =>
        Text("text", text) is { } invalid ? Refuse(invalid) : MoveAsync(id, actor, (d, now) => d.MessageShopper(text.Trim(), actor, now), ct);

    /// <summary>
    /// The store refunds <paramref name="amount"/> of the disputed amount in the store period, as an ordinary refund on the
    /// order (it comes off the held instalments first; what was already paid goes back to the shopper), with an optional message.
    /// </summary>
    public async Task<Outcome<Dispute>> RefundInStoreAsync(Guid id, Money amount, string? message, string actor, CancellationToken ct)
    {
        if (message is { Length: > MaxText })
        {
            return Invalid.Field("message", $"At most {MaxText} characters.");
        }

        return await MoveAsync(id, actor, async (d, now) =>
        {
            var order = (await OrderAsync(d.OrderId, ct))!;
            var moved = d.RefundInStore(amount, await refunds.RefundableAsync(order, ct), string.IsNullOrWhiteSpace(message) ? null : message.Trim(), actor, now);
            if (moved.Succeeded)
            {
                refunds.Issue(order, amount, $"dispute {d.Id}: refunded by the store to settle", null, now);
            }

            return moved;
        }, ct);
    }

    /// <summary>The shopper goes on after the store answered: the provider asks the store for its side now.</summary>
    public Task<Outcome<Dispute>> DeclineSettlementAsync(Guid id, string? note, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.DeclineSettlement(actor, clock, now, note), ct);

    public Task<Outcome<Dispute>> WithdrawAsync(Guid id, string? note, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.Withdraw(actor, now, note), ct);

    public Task<Outcome<Dispute>> EscalateAsync(Guid id, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.Escalate(actor, clock, now), ct);

    public Task<Outcome<Dispute>> AcceptLossAsync(Guid id, Money? refund, string? note, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.AcceptLoss(refund, actor, now, note), ct);

    public async Task<Outcome<Dispute>> SubmitEvidenceAsync(Guid id, MerchantEvidence evidence, string actor, CancellationToken ct)
    {
        if (Text("text", evidence.Text) is { } invalid)
        {
            return invalid;
        }

        var files = evidence.Files ?? [];
        return await OverQuotaAsync(id, DisputeParty.Merchant, files, ct) is { } overQuota
            ? overQuota
            : await MoveAsync(id, actor, (d, now) => Attach(d.SubmitEvidence(evidence.Text.Trim(), evidence.Carrier?.Trim(), evidence.TrackingNumber?.Trim(), actor, now),
                DisputeParty.Merchant, files, actor, now), ct);
    }

    /// <summary>The shopper's information: words, files or both; files alone are noted by their names.</summary>
    public async Task<Outcome<Dispute>> AddInformationAsync(Guid id, string? text, IReadOnlyList<EvidenceUpload> files, string actor, CancellationToken ct)
    {
        if (files.Count == 0 || !string.IsNullOrWhiteSpace(text))
        {
            if (Text("text", text) is { } invalid)
            {
                return invalid;
            }
        }

        var note = string.IsNullOrWhiteSpace(text) ? $"Files: {string.Join(", ", files.Select(f => f.FileName))}" : text.Trim();
        return await OverQuotaAsync(id, DisputeParty.Shopper, files, ct) is { } overQuota
            ? overQuota
            : await MoveAsync(id, actor, (d, now) => Attach(d.AddInformation(note.Length > MaxText ? note[..MaxText] : note, actor, now),
                DisputeParty.Shopper, files, actor, now), ct);
    }

    public Task<Outcome<Dispute>> DecideAsync(Guid id, DisputeDecision decision, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.Decide(decision.MerchantWins, decision.Refund, decision.Detail, actor, clock, now, decision.Note ?? decision.Explanation), ct,
            decision.Explanation);

    /// <summary>A fraud case's liability decision (<see cref="Dispute.DecideLiability"/>); the explanation is what both parties are shown.</summary>
    public Task<Outcome<Dispute>> DecideLiabilityAsync(Guid id, DisputeOutcomeDetail detail, string? explanation, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.DecideLiability(detail, actor, now, explanation), ct, explanation);

    public Task<Outcome<Dispute>> AppealAsync(Guid id, string text, string actor, CancellationToken ct) =>
        Text("text", text) is { } invalid ? Refuse(invalid) : MoveAsync(id, actor, (d, now) => d.Appeal(text.Trim(), actor, now), ct);

    public Task<Outcome<Dispute>> CloseAsync(Guid id, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.Close(actor, now), ct);

    /// <summary>What the merchant-deadline timer will call.</summary>
    public Task<Outcome<Dispute>> ExpireMerchantDeadlineAsync(Guid id, string actor, CancellationToken ct) =>
        MoveAsync(id, actor, (d, now) => d.ExpireMerchantDeadline(actor, now), ct);

    public Task<Dispute?> FindAsync(Guid id, CancellationToken ct) => db.Set<Dispute>().SingleOrDefaultAsync(d => d.Id == id, ct);

    private Task<Outcome<Dispute>> MoveAsync(Guid id, string actor, Func<Dispute, DateTime, Outcome<Dispute>> move, CancellationToken ct,
        string? explanation = null) =>
        MoveAsync(id, actor, (d, now) => Task.FromResult(move(d, now)), ct, explanation);

    /// <summary>
    /// Loads the dispute once, makes the move and stages what follows from it. A move that needs more than the dispute
    /// (the order, to move money) reads it here, on the dispute as loaded.
    /// </summary>
    private async Task<Outcome<Dispute>> MoveAsync(Guid id, string actor, Func<Dispute, DateTime, Task<Outcome<Dispute>>> move, CancellationToken ct,
        string? explanation = null)
    {
        unitOfWork.EnsureOpen("A dispute's move");
        var dispute = await FindAsync(id, ct);
        if (dispute is null)
        {
            return new NotFound("dispute", id.ToString());
        }

        var now = clock.Now;
        var firstNewStep = dispute.Transitions.Count + 1;
        var moved = await move(dispute, now);
        if (!moved.Succeeded)
        {
            return moved;
        }

        // A move may let a rule decide at once (evidence that proves delivery): that decision is a step of its own.
        await rules.ApplyAsync(dispute, firstNewStep, explanation, now, ct);
        var steps = dispute.Transitions.Where(s => s.Number >= firstNewStep).ToList();
        foreach (var step in steps)
        {
            audit.Record(step.Actor, $"dispute.{DisputeMoves.Name(step.Move).Replace(' ', '-')}", AuditSubject(dispute),
                step.Note is { Length: > 2000 } note ? note[..2000] : step.Note);
        }

        if (!dispute.IsOpen)
        {
            await SettleAsync(dispute, now, ct);
        }

        foreach (var step in steps)
        {
            Announce(dispute, step);
        }

        return dispute;
    }

    /// <summary>Adds checked files to a move that succeeded; a refused move attaches nothing.</summary>
    private Outcome<Dispute> Attach(Outcome<Dispute> moved, DisputeParty party, IReadOnlyList<EvidenceUpload> files, string actor, DateTime now)
    {
        if (moved.Succeeded)
        {
            foreach (var file in files)
            {
                db.Add(new EvidenceFile(Guid.CreateVersion7(now), moved.Value!.Id, party, actor, file, now));
            }
        }

        return moved;
    }

    /// <summary>The dispute's storage quota: files in all, bytes per side, bytes in all.</summary>
    private async Task<DomainError?> OverQuotaAsync(Guid id, DisputeParty party, IReadOnlyList<EvidenceUpload> adding, CancellationToken ct)
    {
        if (adding.Count == 0)
        {
            return null;
        }

        var held = await db.Set<EvidenceFile>().Where(f => f.DisputeId == id)
            .GroupBy(f => f.Party).Select(g => new { Party = g.Key, Count = g.Count(), Bytes = g.Sum(f => f.SizeBytes) }).ToListAsync(ct);
        var bytes = adding.Sum(f => f.Size);
        if (held.Sum(h => h.Count) + adding.Count > MaxFilesPerDispute)
        {
            return Invalid.Field("files", $"A dispute holds at most {MaxFilesPerDispute} files.");
        }

        if (held.Where(h => h.Party == party).Sum(h => h.Bytes) + bytes > MaxBytesPerParty)
        {
            return new TooLarge("files", $"Each side may store at most {MaxBytesPerParty / (1024 * 1024)} MB of files on a dispute; these would pass that.");
        }

        return held.Sum(h => h.Bytes) + bytes > MaxBytesPerDispute
            ? new TooLarge("files", $"A dispute holds at most {MaxBytesPerDispute / (1024 * 1024)} MB of files; these would pass that.")
            : null;
    }

    /// <summary>
    /// Moves the money of a closed dispute: the refund it granted goes through <see cref="Refund"/>, so it comes off the
    /// held instalments (the plan holds and refunds from the same end) and what was already paid becomes the
    /// shopper's credit; whatever is still held resumes, due later by the paused days.
    /// </summary>
    private async Task SettleAsync(Dispute dispute, DateTime now, CancellationToken ct)
    {
        var order = (await OrderAsync(dispute.OrderId, ct))!;
        // What the store refunded itself in the store period is paid already; the order is never refunded beyond its total.
        var owed = dispute.RefundMinor - dispute.StoreRefundedMinor;
        if (owed > 0)
        {
            var amount = Math.Min(owed, (await refunds.RefundableAsync(order, ct)).Minor);
            if (amount > 0)
            {
                var refund = refunds.Issue(order, new Money(amount, order.Currency), $"dispute {dispute.Id}: {dispute.OutcomeDetail}", null, now);
                dispute.RecordRefund(refund.Id);
            }
        }

        if (order.Plan.HeldSince is not null)
        {
            order.Plan.Release(now);
        }
    }

    /// <summary>Publishes the dispute's latest step, so it commits with the step or not at all.</summary>
    private void Announce(Dispute dispute) => Announce(dispute, dispute.Transitions[^1]);

    private void Announce(Dispute dispute, DisputeTransition step)
    {
        var changed = DisputeChanged.Of(dispute, step);
        events.Publish(DisputeChanged.Prefix + changed.Move, changed);
    }

    /// <summary>
    /// The order with its plan: its lines and instalments in one query, said explicitly (one order's rows are few), so
    /// EF does not warn about query splitting at every start.
    /// </summary>
    private Task<Order?> OrderAsync(Guid id, CancellationToken ct) =>
        db.Set<Order>().Include(o => o.Plan).AsSingleQuery().SingleOrDefaultAsync(o => o.Id == id, ct);

    private async Task<string> MarketAsync(Order order, CancellationToken ct) =>
        (await new CustomerOrders(db).ProfileAsync(order.CustomerId, ct))!.Market;

    private static Invalid? Text(string field, string? text) =>
        string.IsNullOrWhiteSpace(text) ? Invalid.Field(field, "Required.")
        : text.Length > MaxText ? Invalid.Field(field, $"At most {MaxText} characters.")
        : null;

    private static Task<Outcome<Dispute>> Refuse(DomainError error) => Task.FromResult<Outcome<Dispute>>(error);

    private static string AuditSubject(Dispute dispute) => $"dispute:{dispute.Id}";
}
