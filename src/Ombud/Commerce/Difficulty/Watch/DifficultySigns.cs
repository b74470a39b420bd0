namespace Ombud.Commerce.Difficulty;

/// <summary>One sign of difficulty, in the words staff read and in the words the shopper is shown.</summary>
internal sealed record DifficultySign(string ForStaff, string ForShopper);

/// <summary>
/// What the watch sees in one shopper's payments: missed or late payments, repeated extensions, a balance rising
/// across orders, difficulty said in the chat. Pure: the same data and day give the same signs.
/// </summary>
internal sealed class DifficultySigns(WatchRules rules, DateTime now)
{
    private DateOnly Today => DateOnly.FromDateTime(now);

    private DateOnly Since => Today.AddDays(-rules.LookbackDays);

    public IReadOnlyList<DifficultySign> Read(IReadOnlyList<PaymentPlan> plans, IReadOnlyList<PlanAdjustment> adjustments, IReadOnlyList<DifficultyDisclosure> disclosures)
    {
        var signs = new List<DifficultySign>();
        var instalments = plans.SelectMany(p => p.Instalments).ToList();
        var missed = instalments.Where(i => i.Status == InstalmentStatus.Missed && i.RemainingMinor > 0).OrderBy(i => i.DueDate).ToList();
        if (missed.Count > 0)
        {
            signs.Add(new($"{Count(missed.Count, "payment")} missed (the first was due {missed[0].DueDate:yyyy-MM-dd})",
                missed.Count == 1 ? "a payment is past its due date" : $"{missed.Count} payments are past their due dates"));
        }

        var late = instalments.Count(i => i.Status == InstalmentStatus.PaidLate && i.PaidOn >= Since);
        if (late >= rules.LatePaymentsToFlag)
        {
            signs.Add(new($"{Count(late, "payment")} paid late in the last {rules.LookbackDays} days", "some payments were made after their due dates"));
        }

        var applied = adjustments.Where(a => a.Status == AdjustmentStatus.Applied && DateOnly.FromDateTime(a.RequestedAt) >= Since).ToList();
        var extensions = applied.Count(a => a.Kind == AdjustmentKind.ExtendDueDate);
        if (extensions >= rules.ExtensionsToFlag)
        {
            signs.Add(new($"{Count(extensions, "due date")} extended in the last {rules.LookbackDays} days", "you have moved due dates more than once"));
        }

        // A breathing space moves missed payments on (they are no longer missed), so taking one is a sign of its own.
        if (applied.Where(a => a.Kind == AdjustmentKind.BreathingSpace).MaxBy(a => a.RequestedAt) is { } paused)
        {
            signs.Add(new($"took a breathing space on {paused.RequestedAt:yyyy-MM-dd}", "you have paused your payments"));
        }

        var open = plans.Where(p => !p.IsSettled).ToList();
        var recent = open.Count(p => DateOnly.FromDateTime(p.CreatedAt) >= Today.AddDays(-rules.NewPlanDays));
        if (open.Count >= rules.OpenPlansToFlag && recent >= rules.NewPlansToFlag)
        {
            var owed = string.Join(" + ", open.GroupBy(p => p.Currency).Select(g => new Platform.Money(g.Sum(p => p.Outstanding.Minor), g.Key)));
            signs.Add(new($"owes {owed} across {open.Count} orders, {recent} of them taken in the last {rules.NewPlanDays} days",
                "what you owe has grown across several orders"));
        }

        if (disclosures.Where(d => DateOnly.FromDateTime(d.DisclosedAt) >= Since).OrderByDescending(d => d.DisclosedAt).FirstOrDefault() is { } said)
        {
            signs.Add(new($"told us in the {said.Channel} on {said.DisclosedAt:yyyy-MM-dd} that paying is hard or times are hard", "you told us things are hard right now"));
        }

        return signs;
    }

    /// <summary>The last day of a breathing space running today, if any: while it lasts the watch does not contact the shopper.</summary>
    public DateOnly? BreathingSpace(IReadOnlyList<PaymentPlan> plans) =>
        plans.Where(p => p.InBreathingSpace(Today)).Select(p => p.BreathingSpaceUntil).Max();

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
