using Microsoft.EntityFrameworkCore;
using Ombud.Disputes.Contracts;
using Ombud.Disputes.Evidence;
using Ombud.Fraud.Contracts;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Fraud.Cases;

/// <summary>
/// A fraud specialist's moves on a case. Each runs as one unit of work: the case, its timeline entry, any dispute it
/// settles, the audit entry and the event commit together or not at all. A case assigned to someone else can be
/// decided, booked, closed or reassigned only by an admin (the right to overrule); anyone else is refused, and the
/// refusal itself is audited.
/// </summary>
internal sealed class CaseDesk(OmbudDb db, UnitOfWork work, CaseOpening opening, FraudSpecialists specialists, DisputeLiability disputes,
    AuditLog audit, DomainEvents events, DecidedOrders decidedOrders, TimeProvider clock)
{
    public const int MaxText = 4000;

    private const string Subject = "The fraud case";

    public Task<Outcome<FraudCase>> OpenByHandAsync(Guid orderId, string? summary, Caller caller, CancellationToken ct) =>
        Text("summary", summary) is { } invalid
            ? Task.FromResult<Outcome<FraudCase>>(invalid)
            : work.RunAsync(token => opening.OpenAsync(new CaseRequest(CaseSource.Manual, $"manual:{Guid.CreateVersion7()}", orderId, null, summary!.Trim()),
                caller.Actor, token), ct, Subject);

    /// <summary>The caller takes the case and starts on it: assigned to them if it was not, open → investigating.</summary>
    public async Task<Outcome<FraudCase>> StartAsync(Guid caseId, Caller caller, CancellationToken ct)
    {
        if (await RefusedAsync(caseId, caller, "start", ct) is { } refused)
        {
            return refused;
        }

        return await MoveAsync(caseId, caller, async (c, now) =>
        {
            if (!c.IsAssignedTo(caller.UserId))
            {
                var me = await specialists.FindAsync(caller.UserId!, ct);
                var assigned = c.Assign(caller.UserId!, me?.Name ?? "an admin", caller.Actor, now);
                if (!assigned.Succeeded)
                {
                    return assigned;
                }

                db.Add(assigned.Value!);
            }

            return c.Start(caller.Actor, now);
        }, "fraud.case-started", ct);
    }

    public async Task<Outcome<FraudCase>> AssignAsync(Guid caseId, string? assigneeId, Caller caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(assigneeId) || await specialists.FindAsync(assigneeId, ct) is not { } specialist)
        {
            return Invalid.Field("assigneeId", "The id of an account in the fraud-specialist role is required.");
        }

        if (await RefusedAsync(caseId, caller, "reassign", ct) is { } refused)
        {
            return refused;
        }

        return await MoveAsync(caseId, caller, (c, now) => Task.FromResult(c.Assign(specialist.Id, specialist.Name, caller.Actor, now)),
            "fraud.case-assigned", ct);
    }

    public Task<Outcome<FraudCase>> AddNoteAsync(Guid caseId, string? text, Caller caller, CancellationToken ct) =>
        Text("text", text) is { } invalid
            ? Task.FromResult<Outcome<FraudCase>>(invalid)
            : MoveAsync(caseId, caller, (c, now) => Task.FromResult(c.Note(CaseEntryKind.Note, text!.Trim(), null, null, caller.Actor, now)), "fraud.case-noted", ct);

    /// <summary>External evidence: what it shows, where it is (an http(s) link to a public post), and optionally a screenshot or document.</summary>
    public Task<Outcome<FraudCase>> AddEvidenceAsync(Guid caseId, string? text, string? link, EvidenceUpload? file, Caller caller, CancellationToken ct)
    {
        if (Text("text", text) is { } invalid)
        {
            return Task.FromResult<Outcome<FraudCase>>(invalid);
        }

        if (link is not null && (link.Length > 2000 || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            return Task.FromResult<Outcome<FraudCase>>(Invalid.Field("link", "An absolute http or https address of at most 2000 characters."));
        }

        if (link is null && file is null)
        {
            return Task.FromResult<Outcome<FraudCase>>(Invalid.Field("link", "External evidence needs a link, a file, or both."));
        }

        var kind = file is null ? CaseEntryKind.ExternalEvidence : CaseEntryKind.File;
        return MoveAsync(caseId, caller, (c, now) => Task.FromResult(c.Note(kind, text!.Trim(), link?.Trim(), file, caller.Actor, now)), "fraud.case-evidence-added", ct);
    }

    /// <summary>
    /// Decides who pays. The case's open dispute is settled to match through Disputes' contract (cleared → the shopper
    /// owes nothing of it; otherwise the paused payments resume), and the decision becomes the order's label.
    /// </summary>
    public async Task<Outcome<FraudCase>> DecideAsync(Guid caseId, Liability? liability, string? note, Caller caller, CancellationToken ct)
    {
        if (liability is not { } found || !Enum.IsDefined(found))
        {
            return Invalid.Field("liability", "One of: thirdPartyFraud, firstPartyFraud, merchantError, notFraud.");
        }

        if (Text("note", note) is { } invalid)
        {
            return invalid;
        }

        if (await RefusedAsync(caseId, caller, "decide", ct) is { } refused)
        {
            return refused;
        }

        return await MoveAsync(caseId, caller, async (c, now) =>
        {
            var decided = c.Decide(found, note!.Trim(), caller.Actor, now);
            if (!decided.Succeeded)
            {
                return decided;
            }

            if (c.DisputeId is { } disputeId && await disputes.FindAsync(disputeId, ct) is { IsOpen: true })
            {
                var settled = await disputes.SettleAsync(disputeId, Finding(found), Explanation(found, c), caller.Actor, ct);
                if (!settled.Succeeded)
                {
                    return settled.Error!;
                }
            }

            events.Publish(FraudCaseDecided.Type, new FraudCaseDecided(c.Id, c.OrderId, c.CustomerId, c.DisputeId, found.ToString(), found.IsFraud(),
                c.RecoveryDueMinor, c.Currency, now));
            // A new label: every node's risk decisions look for it from now on (CaseLabels).
            work.AfterCommit(decidedOrders.AnnounceAsync);
            return decided;
        }, "fraud.case-decided", ct);
    }

    public async Task<Outcome<FraudCase>> BookRecoveryAsync(Guid caseId, RecoveryKind? kind, long? amountMinor, string? currency, string? note, Caller caller,
        CancellationToken ct)
    {
        if (kind is not { } booked || !Enum.IsDefined(booked))
        {
            return Invalid.Field("kind", "One of: recovered, writtenOff.");
        }

        if (amountMinor is not { } minor)
        {
            return Invalid.Field("amount", "The amount in minor units is required.");
        }

        if (string.IsNullOrWhiteSpace(currency) || !Currencies.IsKnown(currency))
        {
            return Invalid.Field("currency", "An ISO 4217 currency code is required.");
        }

        if (note is { Length: > MaxText })
        {
            return Invalid.Field("note", $"At most {MaxText} characters.");
        }

        if (await RefusedAsync(caseId, caller, "book recovery on", ct) is { } refused)
        {
            return refused;
        }

        return await MoveAsync(caseId, caller, (c, now) =>
        {
            var entry = c.BookRecovery(booked, new Money(minor, currency.Trim().ToUpperInvariant()), note?.Trim(), caller.Actor, now);
            if (entry.Succeeded)
            {
                events.Publish(FraudRecoveryBooked.Type, new FraudRecoveryBooked(c.Id, c.OrderId, booked.ToString(), minor, c.Currency, c.RecoveryOpenMinor, now));
            }

            return Task.FromResult(entry);
        }, booked == RecoveryKind.Recovered ? "fraud.recovery-booked" : "fraud.loss-written-off", ct);
    }

    public async Task<Outcome<FraudCase>> CloseAsync(Guid caseId, Caller caller, CancellationToken ct) =>
        await RefusedAsync(caseId, caller, "close", ct) is { } refused
            ? refused
            : await MoveAsync(caseId, caller, (c, now) => Task.FromResult(c.Close(caller.Actor, now)), "fraud.case-closed", ct);

    /// <summary>
    /// Refuses a caller who is not the case's assignee (an unassigned case is anyone's to take) unless they are an
    /// admin, and records the refusal on its own, since the refused move saves nothing.
    /// </summary>
    private async Task<DomainError?> RefusedAsync(Guid caseId, Caller caller, string what, CancellationToken ct)
    {
        var held = await db.Set<FraudCase>().AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.AssigneeId, c.AssigneeName }).SingleOrDefaultAsync(ct);
        if (held is null)
        {
            return new NotFound("fraud case", caseId.ToString());
        }

        if (caller.UserId is null || (held.AssigneeId is not null && held.AssigneeId != caller.UserId && !caller.IsInRole(Roles.Admin)))
        {
            await audit.RecordAloneAsync(caller.Actor, "fraud.case-refused", $"fraud-case:{caseId}", $"tried to {what} a case assigned to {held.AssigneeName}", ct);
            return new Forbidden($"The case is assigned to {held.AssigneeName}; only they or an admin may {what} it. Ask them, or an admin, to reassign it.");
        }

        return null;
    }

    private Task<Outcome<FraudCase>> MoveAsync(Guid caseId, Caller caller, Func<FraudCase, DateTime, Task<Outcome<CaseEntry>>> move, string action,
        CancellationToken ct) =>
        work.RunAsync<FraudCase>(async token =>
        {
            var found = await db.Set<FraudCase>().SingleOrDefaultAsync(c => c.Id == caseId, token);
            if (found is null)
            {
                return new NotFound("fraud case", caseId.ToString());
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var moved = await move(found, now);
            if (!moved.Succeeded)
            {
                return moved.Error!;
            }

            db.Add(moved.Value!);
            audit.Record(caller.Actor, action, CaseOpening.Subject(found), Short(moved.Value!.Text));
            return found;
        }, ct, Subject);

    private static LiabilityFinding Finding(Liability liability) => liability switch
    {
        Liability.ThirdPartyFraud => LiabilityFinding.ThirdPartyFraud,
        Liability.FirstPartyFraud => LiabilityFinding.FirstPartyFraud,
        Liability.MerchantError => LiabilityFinding.MerchantError,
        _ => LiabilityFinding.NotFraud,
    };

    private static string Explanation(Liability liability, FraudCase c) => liability switch
    {
        Liability.ThirdPartyFraud => $"Our fraud team found that someone else placed this order. You owe nothing of the {c.AtStake}.",
        Liability.MerchantError => $"Our fraud team found the store at fault for this order. You owe nothing of the {c.AtStake}.",
        Liability.FirstPartyFraud => $"Our fraud team found that the order was placed from your account, device and address as before. The {c.AtStake} stays due.",
        _ => $"Our fraud team found no fraud on this order. The {c.AtStake} stays due.",
    };

    private static Invalid? Text(string field, string? text) =>
        new Validation().Require(field, text, MaxText) is { IsValid: false } check ? check.ToError() : null;

    private static string Short(string text) => text.Length > 500 ? text[..500] : text;
}
