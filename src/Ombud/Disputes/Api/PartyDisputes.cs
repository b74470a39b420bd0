using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Disputes.Evidence;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Http;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Api;

/// <summary>
/// The disputes as one side sees and moves them: a shopper only their own, a merchant only its own, staff all. A
/// dispute the caller may not see is "not found", exactly like one that does not exist, so nothing leaks. Moves are
/// staged in the request's unit of work (<see cref="Platform.Idempotency.IdempotentRequests"/>); reads of evidence are audited.
/// </summary>
internal sealed class PartyDisputes(OmbudDb db, DisputeService disputes, AuditLog audit, TimeProvider clock)
{
    private static readonly DisputeState[] AwaitingDecision = [DisputeState.Representment, DisputeState.Arbitration];

    public async Task<Outcome<DisputeStatus>> ReportAsync(ClaimsPrincipal user, ProblemReportRequest request, CancellationToken ct)
    {
        if (DisputeCaller.Of(user, DisputeParty.Shopper) is not { } caller)
        {
            return NoParty;
        }

        if (request.Check() is { } invalid)
        {
            return invalid;
        }

        var orderId = request.OrderId!.Value;
        if (!await db.Set<Order>().AnyAsync(o => o.Id == orderId && o.CustomerId == caller.CustomerId, ct))
        {
            return new NotFound("order", orderId.ToString());
        }

        var report = new ProblemReport(orderId, request.Reason!.Value, request.Description?.Trim(), request.LineNumber, request.Amount);
        return StatusOf(await disputes.ReportAsync(report, DisputeActors.Customer(caller.CustomerId!.Value), ct), caller);
    }

    public async Task<Outcome<DisputeStatus>> RaiseHighRiskAsync(ClaimsPrincipal user, HighRiskRaise request, CancellationToken ct)
    {
        if (DisputeCaller.Of(user, DisputeParty.Staff) is not { } caller)
        {
            return NoParty;
        }

        if (request.Check() is { } invalid)
        {
            return invalid;
        }

        return StatusOf(await disputes.RaiseHighRiskAsync(request.OrderId!.Value, request.Description?.Trim(), caller.Credential, ct), caller);
    }

    /// <summary>
    /// Runs one move of the caller's side on a dispute it may see. <paramref name="move"/> gets the service, the dispute
    /// as loaded and the actor to record.
    /// </summary>
    public async Task<Outcome<DisputeStatus>> MoveAsync(ClaimsPrincipal user, DisputeParty party, Guid id,
        Func<DisputeService, Dispute, string, Task<Outcome<Dispute>>> move, CancellationToken ct)
    {
        if (DisputeCaller.Of(user, party) is not { } caller)
        {
            return NoParty;
        }

        if (await disputes.FindAsync(id, ct) is not { } dispute || !caller.Sees(dispute))
        {
            return new NotFound("dispute", id.ToString());
        }

        return StatusOf(await move(disputes, dispute, caller.ActorOn(dispute)), caller);
    }

    /// <summary>The caller's own disputes, newest last, a page at a time; <paramref name="state"/> filters.</summary>
    public async Task<Outcome<Page<DisputeStatus>>> ListAsync(ClaimsPrincipal user, DisputeParty party, string? state, string? cursor, int? limit,
        CancellationToken ct)
    {
        if (DisputeCaller.Of(user, party) is not { } caller)
        {
            return NoParty;
        }

        if (Paging(cursor, limit) is not { } paging)
        {
            return PagingError(cursor, limit);
        }

        var rows = db.Set<Dispute>().AsNoTracking();
        rows = party == DisputeParty.Shopper
            ? rows.Where(d => d.CustomerId == caller.CustomerId)
            : rows.Where(d => caller.MerchantIds.Contains(d.MerchantId));
        if (state is not null)
        {
            if (!EnumNames.TryParse<DisputeState>(state, out var wanted))
            {
                return Invalid.Field("state", "One of reported, initiated, representment, preArbitration, arbitration, closed.");
            }

            rows = rows.Where(d => d.State == wanted);
        }

        if (paging.After is { } after)
        {
            rows = rows.Where(d => d.Id > after);
        }

        var page = await rows.OrderBy(d => d.Id).Take(paging.Limit + 1).ToListAsync(ct);
        return Cursor.PageOf(page, paging.Limit, d => d.Id, d => DisputeStatus.Of(d, party));
    }

    /// <summary>Every dispute that passes <paramref name="filter"/>, the latest reported first, a page at a time: the staff desk's list.</summary>
    public async Task<Outcome<Page<DisputeStatus>>> AllAsync(DisputeFilter filter, string? cursor, int? limit, CancellationToken ct)
    {
        if (Paging(cursor, limit) is not { } paging)
        {
            return PagingError(cursor, limit);
        }

        var (rows, invalid) = filter.Apply(db.Set<Dispute>().AsNoTracking(), clock.GetUtcNow().UtcDateTime);
        if (invalid is not null)
        {
            return invalid;
        }

        if (paging.After is { } after)
        {
            // Ids are version 7, made when the dispute is reported: descending id is latest reported first.
            rows = rows.Where(d => d.Id < after);
        }

        var page = await rows.OrderByDescending(d => d.Id).Take(paging.Limit + 1).ToListAsync(ct);
        return Cursor.PageOf(page, paging.Limit, d => d.Id, d => DisputeStatus.Of(d, DisputeParty.Staff));
    }

    /// <summary>Staff's queue: disputes waiting for a decision, the oldest regulatory deadline first.</summary>
    public async Task<Outcome<Page<DisputeStatus>>> QueueAsync(string? cursor, int? limit, CancellationToken ct)
    {
        if (Paging(cursor, limit) is not { } paging)
        {
            return PagingError(cursor, limit);
        }

        var rows = db.Set<Dispute>().AsNoTracking().Where(d => AwaitingDecision.Contains(d.State));
        if (paging.After is { } after)
        {
            // The cursor is the last dispute of the previous page: continue after its place in (deadline, id) order.
            var last = await db.Set<Dispute>().Where(d => d.Id == after).Select(d => (DateTime?)d.FinalResponseBy).SingleOrDefaultAsync(ct);
            if (last is { } by)
            {
                rows = rows.Where(d => d.FinalResponseBy > by || (d.FinalResponseBy == by && d.Id > after));
            }
        }

        var page = await rows.OrderBy(d => d.FinalResponseBy).ThenBy(d => d.Id).Take(paging.Limit + 1).ToListAsync(ct);
        return Cursor.PageOf(page, paging.Limit, d => d.Id, d => DisputeStatus.Of(d, DisputeParty.Staff));
    }

    /// <summary>One dispute with both sides' evidence; the read is written to the audit log.</summary>
    public async Task<Outcome<DisputeView>> ViewAsync(ClaimsPrincipal user, DisputeParty party, Guid id, CancellationToken ct)
    {
        if (await SeenAsync(user, party, id, ct) is not ({ } caller, { } dispute))
        {
            return new NotFound("dispute", id.ToString());
        }

        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == dispute.OrderId, ct);
        var files = await EvidenceFileInfo.ListAsync(db, id, party, ct);
        await RecordViewAsync(caller, id, files.Count, "", ct);
        return DisputeView.Of(dispute, order, files, party);
    }

    /// <summary>
    /// A dispute page showed the dispute with its evidence: the same one audit entry as <see cref="ViewAsync"/>, noted
    /// as read on the page. The page reads through its own queries, so a view is recorded here once, never twice.
    /// </summary>
    public async Task RecordPageViewAsync(ClaimsPrincipal user, DisputeParty party, Guid id, int files, CancellationToken ct)
    {
        if (await SeenAsync(user, party, id, ct) is ({ } caller, _))
        {
            await RecordViewAsync(caller, id, files, " on the page", ct);
        }
    }

    /// <summary>One evidence file of a dispute the caller may see, bytes and all; the download is written to the audit log.</summary>
    public async Task<Outcome<EvidenceFile>> FileAsync(ClaimsPrincipal user, DisputeParty party, Guid id, Guid fileId, CancellationToken ct)
    {
        if (await SeenAsync(user, party, id, ct) is not ({ } caller, _)
            || await db.Set<EvidenceFile>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.DisputeId == id, ct) is not { } file
            || file.IsRemoved)
        {
            // A file erasure or retention emptied is gone: only its hash and size are left to show.
            return new NotFound("file", fileId.ToString());
        }

        await RecordReadAsync(caller, "dispute.file-downloaded", id, $"file {file.Id} sha256 {file.Sha256} as {party.ToString().ToLowerInvariant()}", ct);
        return file;
    }

    private Task RecordViewAsync(DisputeCaller caller, Guid id, int files, string where, CancellationToken ct) =>
        RecordReadAsync(caller, "dispute.evidence-viewed", id, $"as {caller.Party.ToString().ToLowerInvariant()}; {files} files listed{where}", ct);

    private static Forbidden NoParty => new("These credentials do not speak for a customer, a merchant or the provider's staff, so they have no disputes.");

    private async Task<(DisputeCaller?, Dispute?)> SeenAsync(ClaimsPrincipal user, DisputeParty party, Guid id, CancellationToken ct)
    {
        var caller = DisputeCaller.Of(user, party);
        var dispute = caller is null ? null : await db.Set<Dispute>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return dispute is not null && caller!.Sees(dispute) ? (caller, dispute) : (null, null);
    }

    /// <summary>A read has no unit of work of its own to join, so its audit entry gets one.</summary>
    private Task RecordReadAsync(DisputeCaller caller, string action, Guid disputeId, string detail, CancellationToken ct) =>
        audit.RecordAloneAsync(caller.Credential, action, $"dispute:{disputeId}", detail, ct);

    private static Outcome<DisputeStatus> StatusOf(Outcome<Dispute> outcome, DisputeCaller caller) =>
        outcome.Succeeded ? DisputeStatus.Of(outcome.Value!, caller.Party) : outcome.Error!;

    private static (Guid? After, int Limit)? Paging(string? cursor, int? limit) =>
        limit is < 1 or > Cursor.MaxLimit || !Cursor.TryParse(cursor, out var after) ? null : (after, limit ?? Cursor.DefaultLimit);

    private static Invalid PagingError(string? cursor, int? limit) =>
        limit is < 1 or > Cursor.MaxLimit
            ? Invalid.Field("limit", $"Between 1 and {Cursor.MaxLimit}.")
            : Invalid.Field("cursor", Cursor.NotACursor);
}
