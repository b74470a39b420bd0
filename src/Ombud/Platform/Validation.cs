namespace Ombud.Platform;

/// <summary>Collects field errors under their JSON paths so a client sees every problem of a request at once.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    public Validation Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        return this;
    }

    /// <summary>An optional day written as <c>yyyy-MM-dd</c> (a filter's from or to); null when absent or not a day, which is noted.</summary>
    public DateOnly? Day(string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return day;
        }

        Add(field, "A day as yyyy-MM-dd.");
        return null;
    }

    /// <summary>The instants a from–to filter of whole days (UTC) spans: from its first moment, to before the day after <paramref name="to"/>.</summary>
    public (DateTime? Start, DateTime? End) Days(string fromField, string? from, string toField, string? to)
    {
        var (first, last) = (Day(fromField, from), Day(toField, to));
        if (first > last)
        {
            Add(toField, $"On or after '{fromField}'.");
        }

        return (first?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), last?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    public Validation Optional(string field, string? value, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        return this;
    }

    public Validation Currency(string field, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            Add(field, "Required.");
        }
        else if (!Currencies.IsKnown(code))
        {
            Add(field, $"'{code}' is not an ISO 4217 currency code (e.g. SEK, EUR, GBP, USD).");
        }

        return this;
    }

    public Validation Positive(string field, long amount)
    {
        if (amount <= 0)
        {
            Add(field, "Must be a positive whole number of minor units (e.g. 12999 for 129.99).");
        }

        return this;
    }

    /// <summary>A positive amount within <see cref="Money.MaxMinor"/> of its currency.</summary>
    public Validation Amount(string field, long amount, string? currency) =>
        amount <= 0 ? Positive(field, amount) : WithinBound(field, amount, currency);

    /// <summary>Zero or a positive amount within <see cref="Money.MaxMinor"/> of its currency (a fee that may be nil).</summary>
    public Validation AmountOrZero(string field, long amount, string? currency) =>
        amount < 0 ? NotNegative(field, amount) : WithinBound(field, amount, currency);

    private Validation WithinBound(string field, long amount, string? currency)
    {
        var max = Money.MaxMinor(currency);
        return amount <= max
            ? this
            : Add(field, $"At most {max} minor units ({Money.MaxMajorDigits} digits before the decimal point).");
    }

    public Validation NotNegative(string field, long amount)
    {
        if (amount < 0)
        {
            Add(field, "Must not be negative.");
        }

        return this;
    }

    public Invalid ToError() =>
        new(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
