using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Commerce.Contracts;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Http;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Difficulty;

/// <summary>
/// Early detection of payment difficulty: the daily run flags shoppers showing signs (<see cref="DifficultySigns"/>),
/// keeps one open case per shopper in the staff queue and reaches out, respectfully and at most once per
/// <see cref="WatchRules.ContactEveryDays"/>, with a message in the shopper's pages naming their options and free
/// debt advice. Each contact also raises <see cref="DifficultyContactMade"/>, so a mail sender can send it by e-mail
/// too (the seam: nothing here knows about mail). Staff mark cases contacted or resolved.
/// </summary>
public sealed class DifficultyWatch(OmbudDb db, UnitOfWork unitOfWork, AuditLog audit, DomainEvents events, TimeProvider clock,
    IOptions<DifficultyOptions> options)
{
    public const string Actor = "system:difficulty-watch";
    private const int MaxResolution = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private WatchRules Rules => options.Value.Watch;

    /// <summary>One run over every shopper with open plans or recent signs; joins the caller's unit of work if one is open.</summary>
    public async Task<WatchPass> RunAsync(CancellationToken ct) =>
        (await unitOfWork.RunAsync(async token => (Outcome<WatchPass>)await PassAsync(token), ct, "The difficulty watch")).Value
        ?? new WatchPass(0, 0, 0);

    /// <summary>The shopper said in the chat that paying is hard: kept as a sign for the next run.</summary>
    public async Task RecordDisclosureAsync(Guid customerId, string channel, CancellationToken ct) =>
        await unitOfWork.RunAsync(async token =>
        {
            if (await db.Set<Customer>().AnyAsync(c => c.Id == customerId, token))
            {
                db.Add(new DifficultyDisclosure(Guid.CreateVersion7(Now), customerId, channel, Now));
            }
        }, ct, "The disclosure");

    /// <summary>The staff queue: open cases first (never contacted before contacted), then the recently resolved, oldest first within each.</summary>
    public async Task<IReadOnlyList<DifficultyCaseRecord>> QueueAsync(bool includeResolved, CancellationToken ct)
    {
        var cases = await db.Set<DifficultyCase>().AsNoTracking()
            .Where(c => includeResolved || c.Status != DifficultyCaseStatus.Resolved).ToListAsync(ct);
        var ids = cases.Select(c => c.CustomerId).Distinct().ToList();
        var names = await db.Set<Customer>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return [.. cases.OrderBy(c => c.Status).ThenBy(c => c.OpenedAt).Select(c => ToRecord(c, names.GetValueOrDefault(c.CustomerId) ?? "?"))];
    }

    /// <summary>Staff contacted the shopper themselves (a call, a message): recorded, and it counts towards the frequency limit.</summary>
    public Task<Outcome<DifficultyCaseRecord>> MarkContactedAsync(Guid caseId, string actor, CancellationToken ct) =>
        DecideAsync(caseId, c => c.Contacted(actor, Now), actor, "difficulty.contacted", ct);

    public Task<Outcome<DifficultyCaseRecord>> ResolveAsync(Guid caseId, string? resolution, string actor, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(resolution) || resolution.Length > MaxResolution
            ? Task.FromResult<Outcome<DifficultyCaseRecord>>(Invalid.Field("resolution", $"Say how it was resolved, in at most {MaxResolution} characters."))
            : DecideAsync(caseId, c => c.Resolve(actor, resolution.Trim(), Now), actor, "difficulty.resolved", ct);

    /// <summary>The messages a shopper was sent about their payments, newest first.</summary>
    public async Task<IReadOnlyList<DifficultyNotice>> NoticesAsync(Guid customerId, CancellationToken ct) =>
        [.. (await db.Set<DifficultyNotice>().AsNoTracking().Where(n => n.CustomerId == customerId).ToListAsync(ct)).OrderByDescending(n => n.SentAt)];

    /// <summary>A page of the messages a shopper was sent about their payments (every kind), newest first.</summary>
    public async Task<Outcome<Page<NoticeView>>> NoticesPageAsync(Guid customerId, string? cursor, int? limit, CancellationToken ct)
    {
        var check = new Validation();
        var before = Cursor.Check(check, cursor, limit);
        if (!check.IsValid)
        {
            return check.ToError();
        }

        var take = limit ?? Cursor.DefaultLimit;
        var rows = db.Set<DifficultyNotice>().AsNoTracking().Where(n => n.CustomerId == customerId);
        if (before is { } b)
        {
            // Ids are version 7, made at the notice's instant: descending id is newest first.
            rows = rows.Where(n => n.Id < b);
        }

        var page = await rows.OrderByDescending(n => n.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.PageOf(page, take, n => n.Id, NoticeView.Of);
    }

    private async Task<WatchPass> PassAsync(CancellationToken ct)
    {
        var now = Now;
        var since = now.AddDays(-Math.Max(Rules.LookbackDays, Rules.NewPlanDays));
        var sinceDay = DateOnly.FromDateTime(since);
        // Candidates: anyone with something unpaid, paid lately, adjusted or disclosed lately; a settled past costs nothing to skip.
        var plans = await db.Set<PaymentPlan>().AsNoTracking()
            .Where(p => p.Instalments.Any(i => i.Status == InstalmentStatus.Scheduled || i.Status == InstalmentStatus.Missed
                || (i.PaidOn != null && i.PaidOn >= sinceDay))).ToListAsync(ct);
        var adjustments = (await db.Set<PlanAdjustment>().AsNoTracking().Where(a => a.RequestedAt >= since).ToListAsync(ct)).ToLookup(a => a.CustomerId);
        var disclosures = (await db.Set<DifficultyDisclosure>().AsNoTracking().Where(d => d.DisclosedAt >= since).ToListAsync(ct)).ToLookup(d => d.CustomerId);
        var plansOf = plans.ToLookup(p => p.CustomerId);
        var signs = new DifficultySigns(Rules, now);
        // Grouped once: each shopper's plans, adjustments and disclosures are looked up, not scanned for per shopper.
        var flagged = plansOf.Select(g => g.Key).Concat(disclosures.Select(g => g.Key).Where(id => !plansOf.Contains(id)))
            .Select(id => (Customer: id, Plans: (IReadOnlyList<PaymentPlan>)[.. plansOf[id]]))
            .Select(c => (c.Customer, c.Plans, Signs: signs.Read(c.Plans, [.. adjustments[c.Customer]], [.. disclosures[c.Customer]])))
            .Where(c => c.Signs.Count > 0).ToList();
        if (flagged.Count == 0)
        {
            return new WatchPass(0, 0, 0);
        }

        var ids = flagged.Select(f => f.Customer).ToList();
        var cases = (await db.Set<DifficultyCase>().Where(c => ids.Contains(c.CustomerId)).ToListAsync(ct)).ToLookup(c => c.CustomerId);
        var customers = await db.Set<Customer>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        int opened = 0, contacted = 0;
        foreach (var (customerId, customerPlans, found) in flagged)
        {
            var theirs = cases[customerId].ToList();
            var reasons = string.Join("\n", found.Select(s => s.ForStaff));
            var breathing = signs.BreathingSpace(customerPlans);
            if (breathing is { } until)
            {
                reasons += $"\nin a breathing space until {until:yyyy-MM-dd}: not contacted by the watch while it lasts";
            }

            var open = theirs.FirstOrDefault(c => c.IsOpen);
            if (open is null)
            {
                // Resolved lately: staff have dealt with it; the signs may linger (a missed payment stays missed) without reopening at once.
                if (theirs.Any(c => c.ResolvedAt > now.AddDays(-Rules.ContactEveryDays)))
                {
                    continue;
                }

                open = DifficultyCase.Open(Guid.CreateVersion7(now), customerId, customers[customerId].Market, reasons, now);
                db.Add(open);
                audit.Record(Actor, "difficulty.flagged", Subject(customerId), reasons.Replace('\n', ';'));
                opened++;
            }
            else
            {
                open.Flag(reasons, now);
            }

            var lastContact = theirs.Append(open).Max(c => c.LastContactedAt);
            if (breathing is null && (lastContact is null || lastContact <= now.AddDays(-Rules.ContactEveryDays)))
            {
                Contact(open, customers[customerId], found, now);
                contacted++;
            }
        }

        return new WatchPass(flagged.Count, opened, contacted);
    }

    private void Contact(DifficultyCase open, Customer customer, IReadOnlyList<DifficultySign> found, DateTime now)
    {
        var advice = options.Value.For(customer.Market).DebtAdvice;
        var notice = new DifficultyNotice(Guid.CreateVersion7(now), customer.Id, NoticeKind.DifficultyContact, ContactWords.Title,
            ContactWords.Body(customer.Name, found.Select(s => s.ForShopper), advice), now, caseId: open.Id);
        db.Add(notice);
        open.Contacted(Actor, now);
        audit.Record(Actor, "difficulty.contacted", Subject(customer.Id), $"in-app message {notice.Id}");
        events.Publish(DifficultyContactMade.Type, new DifficultyContactMade(open.Id, notice.Id, customer.Id, customer.Market, notice.Title, notice.Body, now),
            DifficultyContactMade.Version);
    }

    private Task<Outcome<DifficultyCaseRecord>> DecideAsync(Guid caseId, Func<DifficultyCase, Outcome<DifficultyCase>> decide, string actor, string action,
        CancellationToken ct) =>
        unitOfWork.RunAsync<DifficultyCaseRecord>(async token =>
        {
            var found = await db.Set<DifficultyCase>().SingleOrDefaultAsync(c => c.Id == caseId, token);
            if (found is null)
            {
                return new NotFound("difficulty case", caseId.ToString());
            }

            var decided = decide(found);
            if (!decided.Succeeded)
            {
                return decided.Error!;
            }

            audit.Record(actor, action, Subject(found.CustomerId), found.Id.ToString());
            var name = await db.Set<Customer>().Where(c => c.Id == found.CustomerId).Select(c => c.Name).SingleAsync(token);
            return ToRecord(found, name);
        }, ct, "The difficulty case");

    private static string Subject(Guid customerId) => $"customer:{customerId}";

    private static DifficultyCaseRecord ToRecord(DifficultyCase c, string name) => new(c.Id, c.CustomerId, name, c.Market, c.Status,
        [.. c.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries)], c.OpenedAt, c.FlaggedAt, c.LastContactedAt, c.LastContactedBy, c.Contacts,
        c.ResolvedAt, c.ResolvedBy, c.Resolution);
}

/// <summary>What one run of the watch did: shoppers showing signs, cases opened, shoppers contacted.</summary>
public sealed record WatchPass(int Flagged, int Opened, int Contacted);

/// <summary>A message to the shopper about their payments, as they read it.</summary>
public sealed record NoticeView(Guid Id, NoticeKind Kind, string Title, string Body, DateTime SentAt, Guid? PlanId)
{
    public static NoticeView Of(DifficultyNotice n) => new(n.Id, n.Kind, n.Title, n.Body, n.SentAt, n.PlanId);
}
