using System.Globalization;
using Ombud.Platform;

namespace Ombud.Marketplace.Pay;

/// <summary>A range of whole days (UTC), both ends included, as the earnings and payout requests name it (<c>from</c>, <c>to</c>: yyyy-MM-dd).</summary>
public readonly record struct PayPeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;
    public const int DefaultDays = 28;

    public DateTime Start => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime End => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The period asked for; either end left out defaults to the last <see cref="DefaultDays"/> days up to today.</summary>
    public static Outcome<PayPeriod> Parse(string? from, string? to, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var end = Day(to, "to", today, errors);
        var start = Day(from, "from", end.AddDays(-(DefaultDays - 1)), errors);
        if (errors.Count == 0 && start > end)
        {
            errors["from"] = ["The first day comes on or before the last (to)."];
        }
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber >= MaxDays)
        {
            errors["from"] = [$"A period is at most {MaxDays} days."];
        }

        return errors.Count > 0 ? new Invalid(errors) : new PayPeriod(start, end);
    }

    private static DateOnly Day(string? text, string field, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = ["A day as yyyy-MM-dd, e.g. 2026-12-01."];
        return fallback;
    }
}
