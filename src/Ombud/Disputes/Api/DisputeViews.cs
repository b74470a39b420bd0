using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Storage;

namespace Ombud.Disputes.Api;

/// <summary>
/// A dispute as a list or an answer to a move shows it: where it stands, its money (minor units of
/// <see cref="Currency"/>), its deadlines, its explanation and the moves the caller's side may make now.
/// </summary>
public sealed record DisputeStatus(
    Guid Id, Guid OrderId, Guid CustomerId, Guid MerchantId, int? LineNumber, DisputeReason Reason, DisputeState State,
    DisputeOutcome? Outcome, DisputeOutcomeDetail? OutcomeDetail, string? Explanation, long Disputed, long Refund, long StoreRefunded, string Currency,
    DateTime ReportedAt, DateTime? StoreResolutionDeadline, DateTime? MerchantDeadline, DateTime? AppealDeadline,
    DateTime AcknowledgeBy, DateTime FinalResponseBy, DateTime? ClosedAt, IReadOnlyList<string> YourMoves)
{
    private static readonly Dictionary<DisputeParty, DisputeMove[]> MovesOf = new()
    {
        [DisputeParty.Shopper] = [DisputeMove.RegisterReturn, DisputeMove.AddInformation, DisputeMove.MarkSettled, DisputeMove.DeclineSettlement, DisputeMove.Withdraw],
        [DisputeParty.Merchant] = [DisputeMove.MessageShopper, DisputeMove.RefundInStore, DisputeMove.AcceptLoss, DisputeMove.SubmitEvidence, DisputeMove.Appeal],
        [DisputeParty.Staff] = [DisputeMove.Decide],
    };

    internal static DisputeStatus Of(Dispute d, DisputeParty viewer) => new(
        d.Id, d.OrderId, d.CustomerId, d.MerchantId, d.LineNumber, d.Reason, d.State, d.Outcome, d.OutcomeDetail, d.Explanation,
        d.DisputedMinor, d.RefundMinor, d.StoreRefundedMinor, d.Currency, d.ReportedAt, d.StoreResolutionDeadline, d.MerchantDeadline, d.AppealDeadline,
        d.AcknowledgeBy, d.FinalResponseBy, d.ClosedAt,
        [.. d.AllowedMoves.Where(MovesOf[viewer].Contains).Select(DisputeMoves.Name)]);
}

/// <summary>
/// One dispute with its evidence, as its parties and staff see it: the shopper's side (description, return, files),
/// the merchant's answer and files, the order's recorded shipment, and every step (who, when, why). Reading it is
/// recorded in the audit log.
/// </summary>
public sealed record DisputeView(
    DisputeStatus Dispute, string? Description, ReturnShipment? Return, MerchantAnswer? Evidence, OrderShipment Shipment,
    IReadOnlyList<TimelineStep> Timeline, IReadOnlyList<EvidenceFileInfo> Files)
{
    internal static DisputeView Of(Dispute d, Order order, IReadOnlyList<EvidenceFileInfo> files, DisputeParty viewer) => new(
        DisputeStatus.Of(d, viewer),
        d.Transitions[0].Note,
        d.ReturnCarrier is { } carrier ? new ReturnShipment(carrier, d.ReturnTrackingNumber!) : null,
        d.EvidenceSubmittedAt is { } at ? new MerchantAnswer(d.EvidenceText!, d.EvidenceCarrier, d.EvidenceTrackingNumber, at) : null,
        new OrderShipment(order.Carrier, order.TrackingNumber, order.ShippedAt, order.DeliveredAt),
        [.. d.Transitions.Select(t => TimelineStep.Of(t, viewer))],
        files);
}

/// <summary>One step: <see cref="Who"/> is "you", "the store", "the shopper" or "Ombud"; staff also see the raw actor.</summary>
public sealed record TimelineStep(int Step, DateTime At, string Who, string? Actor, string Move, DisputeState From, DisputeState To, string? Note)
{
    internal static TimelineStep Of(DisputeTransition t, DisputeParty viewer) => new(
        t.Number, t.At, DisputeActors.Label(t.Actor, viewer), viewer == DisputeParty.Staff ? t.Actor : null,
        DisputeMoves.Name(t.Move), t.From, t.To, t.Note);
}

public sealed record ReturnShipment(string Carrier, string TrackingNumber);

public sealed record MerchantAnswer(string Text, string? Carrier, string? TrackingNumber, DateTime SubmittedAt);

public sealed record OrderShipment(string? Carrier, string? TrackingNumber, DateTime? ShippedAt, DateTime? DeliveredAt);

/// <summary>A file's description, never its bytes: those come from <see cref="Download"/>, which is audited.</summary>
public sealed record EvidenceFileInfo(Guid Id, DisputeParty Party, string FileName, string ContentType, long Size, string Sha256,
    DateTime UploadedAt, string Download)
{
    /// <summary>The name the download is saved under; <see cref="FileName"/> is the sender's, for showing only.</summary>
    public string StoredName => EvidenceFile.StoredNameOf(Id, ContentType);

    /// <summary>
    /// The files of a dispute in the order they came, each with its download address for <paramref name="viewer"/>'s
    /// side. The one listing of the API's views and the dispute pages; it reads no file's bytes and is not audited
    /// itself: the view or page that shows it is.
    /// </summary>
    internal static async Task<List<EvidenceFileInfo>> ListAsync(OmbudDb db, Guid disputeId, DisputeParty viewer, CancellationToken ct)
    {
        var files = await db.Set<EvidenceFile>().AsNoTracking().Where(f => f.DisputeId == disputeId)
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.Id)
            .Select(f => new EvidenceFileInfo(f.Id, f.Party, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt, ""))
            .ToListAsync(ct);
        // The address is made here, not in SQL: SQLite would spell the id in its stored upper case.
        return [.. files.Select(f => f with { FileName = EvidenceUploads.Shown(f.FileName), Download = $"{DisputeEndpoints.BaseOf(viewer)}/{disputeId}/files/{f.Id}" })];
    }
}
