using System.Globalization;
using System.Text.Json.Serialization;
using Ombud.Platform;
using Ombud.Web;

namespace Ombud.Commerce.Analytics;

/// <summary>How wide one bar of a chart over time is.</summary>
public enum PeriodGrain
{
    /// <summary>Monday to Sunday.</summary>
    Week,
    Month,
}

/// <summary>
/// The days an analyst's charts cover, both ends included, as calendar days in <see cref="TimeZone"/> (the viewer's;
/// UTC when none is named). Ranges up to <see cref="WeeksUpToDays"/> days are drawn week by week, longer ones month by month.
/// </summary>
public sealed record AnalyticsRange(DateOnly From, DateOnly To, string TimeZone = AnalyticsRange.Utc)
{
    public const string Utc = "UTC";

    /// <summary>The widest range a chart draws: three years.</summary>
    public const int MaxDays = 3 * 366;

    /// <summary>Up to about a quarter, months would be two or three bars: weeks say more.</summary>
    public const int WeeksUpToDays = 92;

    /// <summary>The earliest day a range may start: well before any provider's first order.</summary>
    public static readonly DateOnly Earliest = new(1970, 1, 1);

    public int Days => To.DayNumber - From.DayNumber + 1;

    public PeriodGrain Grain => Days <= WeeksUpToDays ? PeriodGrain.Week : PeriodGrain.Month;

    [JsonIgnore]
    public TimeZoneInfo Zone => ZoneOf(TimeZone);

    /// <summary>The first instant of the range: midnight starting <see cref="From"/> in the zone, in UTC.</summary>
    public DateTime Start => Midnight(From, Zone);

    /// <summary>The first instant after the range: midnight ending <see cref="To"/> in the zone, in UTC.</summary>
    public DateTime End => Midnight(To.AddDays(1), Zone);

    /// <summary>The calendar day an instant falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>
    /// The zone a request names (an IANA id such as <c>Europe/Stockholm</c>); UTC when none is named. A name the system
    /// does not know is noted in <paramref name="invalid"/> as the field <c>timeZone</c>.
    /// </summary>
    public static TimeZoneInfo ReadZone(Validation invalid, string? timeZone)
    {
        if (string.IsNullOrEmpty(timeZone))
        {
            return TimeZoneInfo.Utc;
        }

        if (Viewer.ZoneNamed(timeZone) is { } zone)
        {
            return zone;
        }

        invalid.Add("timeZone", "A time zone such as Europe/Stockholm (IANA), or none for UTC.");
        return TimeZoneInfo.Utc;
    }

    private static TimeZoneInfo ZoneOf(string id) => id == Utc ? TimeZoneInfo.Utc : Viewer.ZoneNamed(id) ?? TimeZoneInfo.Utc;

    /// <summary>Midnight starting <paramref name="day"/> in the zone; where the clocks skip midnight, the first instant the day has.</summary>
    private static DateTime Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>"2026-11-01" for a query string or a file name.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The last twelve months as whole months: from the first of the month eleven months back, to today.</summary>
    public static AnalyticsRange LastTwelveMonths(DateOnly today) => new(new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);

    public static AnalyticsRange LastThirtyDays(DateOnly today) => new(today.AddDays(-29), today);

    public static AnalyticsRange ThisQuarter(DateOnly today) => new(new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1), today);

    /// <summary>
    /// The range a request names: <paramref name="from"/> and <paramref name="to"/> as <c>yyyy-MM-dd</c>, each
    /// optional (the last twelve months by default, a missing end today's). Refused, naming the field, when a day is
    /// not a day, <c>to</c> is after today or before <c>from</c>, or the range is wider than three years.
    /// </summary>
    public static Outcome<AnalyticsRange> Parse(string? from, string? to, DateOnly today, TimeZoneInfo? zone = null)
    {
        var invalid = new Validation();
        var range = Read(invalid, from, to, today, zone);
        if (range is null)
        {
            return invalid.ToError();
        }

        return range;
    }

    /// <summary>As <see cref="Parse"/>, noting what is wrong in <paramref name="invalid"/> beside a request's other fields.</summary>
    public static AnalyticsRange? Read(Validation invalid, string? from, string? to, DateOnly today, TimeZoneInfo? zone = null)
    {
        var valid = invalid.IsValid;
        var last = string.IsNullOrEmpty(to) ? today : invalid.Day("to", to);
        if (last < Earliest)
        {
            invalid.Add("to", $"On or after {Iso(Earliest)}.");
            last = null;
        }

        var first = string.IsNullOrEmpty(from) ? (last is { } end ? LastTwelveMonths(end).From : null) : invalid.Day("from", from);
        if (first < Earliest)
        {
            invalid.Add("from", $"On or after {Iso(Earliest)}.");
        }

        if (last > today)
        {
            invalid.Add("to", $"At most today ({Iso(today)}): the days after it have no orders yet.");
        }

        if (first > last)
        {
            invalid.Add("to", "On or after 'from'.");
        }
        else if (first is { } start && last is { } stop && stop.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            invalid.Add("from", "At most three years before 'to'.");
        }

        return valid && invalid.IsValid ? new AnalyticsRange(first!.Value, last!.Value, zone?.Id ?? Utc) : null;
    }

    /// <summary>
    /// The weeks or months that meet the range, oldest first. One the range cuts (the first, or the running one at
    /// the end) is partial: it covers fewer days than a whole period, so its bar is not comparable with the others.
    /// </summary>
    public IReadOnlyList<Period> Periods()
    {
        var periods = new List<Period>();
        for (var start = StartOfPeriod(From); start <= To; start = NextPeriod(start))
        {
            var end = NextPeriod(start).AddDays(-1);
            var (first, last) = (start < From ? From : start, end > To ? To : end);
            periods.Add(new Period(start, first, last, Grain, first != start || last != end));
        }

        return periods;
    }

    /// <summary>The first day of the week or month <paramref name="day"/> is in.</summary>
    public DateOnly StartOfPeriod(DateOnly day) => Grain == PeriodGrain.Month
        ? new DateOnly(day.Year, day.Month, 1)
        : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private DateOnly NextPeriod(DateOnly start) => Grain == PeriodGrain.Month ? start.AddMonths(1) : start.AddDays(7);
}

/// <summary>
/// One bar of a chart over time: the week or month starting <see cref="Start"/>, of which the range covers
/// <see cref="From"/> to <see cref="To"/>; <see cref="Partial"/> when that is not all of it.
/// </summary>
public sealed record Period(DateOnly Start, DateOnly From, DateOnly To, PeriodGrain Grain, bool Partial);
