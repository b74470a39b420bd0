using System.Globalization;
using Microsoft.VisualBasic.FileIO;
using Ombud.Fraud.Features;

namespace Ombud.Fraud.Training;

/// <summary>Which label values mean fraud and which mean legitimate; null asks the reader to detect them.</summary>
internal sealed record LabelValues(IReadOnlyList<string>? Fraud, IReadOnlyList<string>? Legit);

/// <summary>An event history read from a CSV, with the label values it used.</summary>
internal sealed record EventHistory(IReadOnlyList<RiskEvent> Events, string FraudLabel, string LegitLabel, IReadOnlyList<string> MappedColumns);

/// <summary>
/// Reads an event history in the layout Amazon Fraud Detector trains on: <c>EVENT_TIMESTAMP</c> and <c>EVENT_LABEL</c>
/// required, <c>ENTITY_ID</c>, <c>EVENT_ID</c> and <c>LABEL_TIMESTAMP</c> optional, and any variables, of which the
/// known ones (ip_address, email_address, phone, billing_* and shipping_*, order_price, user_agent, card_bin, a
/// category …) become identities and amounts; the others are ignored. Quoting follows RFC 4180 (the framework's
/// parser). A blank label is an unlabelled event: it still counts in velocities.
/// </summary>
internal static class EventHistoryCsv
{
    private static readonly string[] FraudNames = ["fraud", "1", "true", "yes", "y", "fraudulent", "is_fraud", "bad"];
    private static readonly string[] LegitNames = ["legit", "0", "false", "no", "n", "legitimate", "not_fraud", "genuine", "good"];

    private static readonly string[] AmountColumns = ["order_price", "order_amount", "price", "amount", "transaction_amount", "transaction_amt", "total"];
    private static readonly string[] CurrencyColumns = ["payment_currency", "currency", "order_currency"];
    private static readonly string[] IpColumns = ["ip_address", "ip", "ip_addr"];
    private static readonly string[] EmailColumns = ["email_address", "customer_email", "email"];
    private static readonly string[] PhoneColumns = ["phone_number", "billing_phone", "customer_phone", "phone"];
    private static readonly string[] DeviceColumns = ["device_fingerprint", "device_id", "device", "fingerprint", "user_agent", "useragent"];
    private static readonly string[] CardColumns = ["card_bin", "card_hash", "card_id", "card_number", "payment_instrument", "card"];
    private static readonly string[] CategoryColumns = ["merchant_category", "product_category", "mcc", "category"];
    private static readonly string[] AccountColumns = ["account_created_at", "account_created", "customer_since", "signup_timestamp"];
    private static readonly string[] AddressParts = ["street", "address", "address_1", "address1", "address_2", "city", "state", "zip", "postal", "postal_code", "postcode", "country"];

    public static (EventHistory? History, string? Error) Read(string path, LabelValues labels)
    {
        if (!File.Exists(path))
        {
            return (null, $"{path}: no such file.");
        }

        using var parser = new TextFieldParser(path, System.Text.Encoding.UTF8)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = true,
        };
        parser.SetDelimiters(",");
        try
        {
            var header = parser.ReadFields();
            if (header is null)
            {
                return (null, $"{path}: the file is empty; it needs a header row with EVENT_TIMESTAMP and EVENT_LABEL.");
            }

            var columns = new Columns(header);
            var (time, label) = (columns.Find("EVENT_TIMESTAMP"), columns.Find("EVENT_LABEL"));
            var missing = new[] { (time, "EVENT_TIMESTAMP"), (label, "EVENT_LABEL") }.Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
            if (missing.Count > 0)
            {
                return (null, $"{path}: no column {string.Join(" or ", missing)} in the header (it has: {string.Join(", ", header.Take(30))}" +
                              $"{(header.Length > 30 ? ", …" : "")}). The layout is Amazon Fraud Detector's: EVENT_TIMESTAMP, EVENT_LABEL, then variables.");
            }

            var rows = new List<(long Line, string[] Fields)>();
            for (var next = parser.LineNumber; parser.ReadFields() is { } fields; next = parser.LineNumber)
            {
                if (fields.Length != header.Length)
                {
                    return (null, $"{path}: line {next} has {fields.Length} fields where the header has {header.Length}; quote fields that contain commas.");
                }

                rows.Add((next, fields));
            }

            if (rows.Count == 0)
            {
                return (null, $"{path}: the file has a header but no events.");
            }

            var (fraudValues, legitValues, labelError) = DecideLabels(rows.Select(r => r.Fields[label]), labels, path);
            if (labelError is not null)
            {
                return (null, labelError);
            }

            var events = new List<RiskEvent>(rows.Count);
            foreach (var (line, fields) in rows)
            {
                var (e, error) = columns.Event(fields, line, fraudValues!, legitValues!);
                if (error is not null)
                {
                    return (null, $"{path}: line {line}: {error}");
                }

                events.Add(e!);
            }

            var classes = events.Where(e => e.Label is not null).Select(e => e.Label!.Value).Distinct().Count();
            if (classes < 2)
            {
                return (null, $"{path}: every labelled event has the same label; training and evaluation need both fraud and legitimate events.");
            }

            return (new EventHistory(events, string.Join("|", fraudValues!), string.Join("|", legitValues!), columns.Mapped), null);
        }
        catch (MalformedLineException malformed)
        {
            return (null, $"{path}: line {malformed.LineNumber} is not valid CSV (an unclosed or stray quote?): {malformed.Message}");
        }
    }

    /// <summary>Given values win; otherwise two distinct values are told apart by common names (fraud/legit, 1/0, true/false).</summary>
    private static (HashSet<string>? Fraud, HashSet<string>? Legit, string? Error) DecideLabels(IEnumerable<string> raw, LabelValues given, string path)
    {
        var values = raw.Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (values.Count == 0)
        {
            return (null, null, $"{path}: no event has a label in EVENT_LABEL.");
        }

        var fraud = given.Fraud?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var legit = given.Legit?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (fraud is null && legit is null)
        {
            if (values.Count == 1)
            {
                return (null, null, $"{path}: every labelled event has the label '{values[0]}'; training and evaluation need both fraud and legitimate events.");
            }

            if (values.Count > 2)
            {
                return (null, null, $"{path}: EVENT_LABEL has {values.Count} values ({string.Join(", ", values.Take(10))}); name them with --fraud-label and --legit-label.");
            }

            var fraudAt = values.FindIndex(v => FraudNames.Contains(v, StringComparer.OrdinalIgnoreCase));
            var legitAt = values.FindIndex(v => LegitNames.Contains(v, StringComparer.OrdinalIgnoreCase));
            if (fraudAt < 0 && legitAt < 0 || fraudAt >= 0 && fraudAt == legitAt)
            {
                return (null, null, $"{path}: cannot tell which of '{values[0]}' and '{values[1]}' means fraud; say it with --fraud-label.");
            }

            var fraudValue = fraudAt >= 0 ? values[fraudAt] : values[1 - legitAt];
            fraud = new HashSet<string>([fraudValue], StringComparer.OrdinalIgnoreCase);
        }

        fraud ??= values.Where(v => !legit!.Contains(v)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        legit ??= values.Where(v => !fraud.Contains(v)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unmapped = values.Where(v => !fraud.Contains(v) && !legit.Contains(v)).ToList();
        if (unmapped.Count > 0)
        {
            return (null, null, $"{path}: EVENT_LABEL value(s) {string.Join(", ", unmapped.Select(v => $"'{v}'"))} are neither a fraud label " +
                                $"({string.Join(", ", fraud)}) nor a legit label ({string.Join(", ", legit)}).");
        }

        return (fraud, legit, null);
    }

    /// <summary>The header's columns mapped to what Ombud knows.</summary>
    private sealed class Columns
    {
        private readonly string[] _header;
        private readonly int _time, _label, _labelTime, _id, _entity, _amount, _currency, _ip, _email, _phone, _device, _card, _category, _account;
        private readonly int[] _billing, _shipping;

        public Columns(string[] header)
        {
            _header = [.. header.Select(h => h.Trim())];
            (_time, _label, _labelTime, _id, _entity) = (Find("EVENT_TIMESTAMP"), Find("EVENT_LABEL"), Find("LABEL_TIMESTAMP"), Find("EVENT_ID"), Find("ENTITY_ID"));
            (_amount, _currency, _ip, _email) = (First(AmountColumns), First(CurrencyColumns), First(IpColumns), First(EmailColumns));
            (_phone, _device, _card, _category, _account) = (First(PhoneColumns), First(DeviceColumns), First(CardColumns), First(CategoryColumns), First(AccountColumns));
            _billing = Address("billing_");
            _shipping = Address("shipping_");
        }

        public IReadOnlyList<string> Mapped =>
            [.. new[] { _entity, _amount, _currency, _ip, _email, _phone, _device, _card, _category, _account }.Concat(_billing).Concat(_shipping)
                .Where(i => i >= 0).Select(i => _header[i])];

        public int Find(string name) => Array.FindIndex(_header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

        public (RiskEvent? Event, string? Error) Event(string[] f, long line, HashSet<string> fraud, HashSet<string> legit)
        {
            if (!TryTime(f[_time], out var at))
            {
                return (null, $"EVENT_TIMESTAMP '{f[_time]}' is not a date and time (ISO 8601, e.g. 2023-01-31T18:04:05Z).");
            }

            DateTime? labelledAt = null;
            if (_labelTime >= 0 && f[_labelTime].Length > 0)
            {
                if (!TryTime(f[_labelTime], out var l))
                {
                    return (null, $"LABEL_TIMESTAMP '{f[_labelTime]}' is not a date and time.");
                }

                labelledAt = l;
            }

            var currency = Value(f, _currency)?.ToUpperInvariant();
            long? amount = null;
            if (Value(f, _amount) is { } price)
            {
                if (!decimal.TryParse(price, NumberStyles.Number, CultureInfo.InvariantCulture, out var major) || major < 0 || major > 1e12m)
                {
                    return (null, $"{_header[_amount]} '{price}' is not an amount (a number such as 129.90).");
                }

                // Minor units of the row's currency when it names one Ombud knows, else cents.
                var exponent = currency is not null && Platform.Currencies.IsKnown(currency) ? Platform.Currencies.MinorUnitExponent(currency) : 2;
                amount = (long)Math.Round(major * (decimal)Math.Pow(10, exponent), MidpointRounding.AwayFromZero);
            }

            DateTime? account = null;
            if (Value(f, _account) is { } created && TryTime(created, out var c))
            {
                account = c;
            }

            var labelText = f[_label];
            bool? label = labelText.Length == 0 ? null : fraud.Contains(labelText) ? true : legit.Contains(labelText) ? false : null;
            var entity = Value(f, _entity);
            return (new RiskEvent(
                Value(f, _id) ?? $"line-{line}", at, amount, currency,
                string.Equals(entity, "unknown", StringComparison.OrdinalIgnoreCase) ? null : entity,
                Value(f, _device), Value(f, _ip), Value(f, _email), Value(f, _phone), Value(f, _card),
                Join(f, _billing), Join(f, _shipping), account, Value(f, _category), label, label is null ? null : labelledAt), null);
        }

        private int First(string[] names) => names.Select(Find).FirstOrDefault(i => i >= 0, -1);

        private int[] Address(string prefix) =>
            [.. AddressParts.Select(p => Find(prefix + p)).Where(i => i >= 0)];

        private static string? Value(string[] f, int i) => i >= 0 && f[i].Length > 0 ? f[i] : null;

        private static string? Join(string[] f, int[] parts)
        {
            var present = parts.Select(i => f[i]).Where(v => v.Length > 0).ToList();
            return present.Count == 0 ? null : string.Join("|", present).ToLowerInvariant();
        }

        private static bool TryTime(string text, out DateTime at) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out at);
    }
}
