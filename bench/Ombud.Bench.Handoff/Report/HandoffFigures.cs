using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ombud.Bench.Handoff.Load;

namespace Ombud.Bench.Handoff.Report;

/// <summary>
/// The run's figures, client clock, one machine: from the hand-off's acknowledgement to the offer's arrival on an
/// agent's connection. Snake-case keys, for bench/handoff.sh to pick out.
/// </summary>
internal sealed record HandoffFigures(
    [property: JsonPropertyName("agents")] int Agents,
    [property: JsonPropertyName("capacity")] int Capacity,
    [property: JsonPropertyName("shoppers")] int Shoppers,
    [property: JsonPropertyName("target_rate")] double TargetRate,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("handoffs")] long Handoffs,
    [property: JsonPropertyName("achieved_rate")] double AchievedRate,
    [property: JsonPropertyName("offered")] long Offered,
    [property: JsonPropertyName("offers_taken")] long OffersTaken,
    [property: JsonPropertyName("offers_taken_rate")] double OffersTakenRate,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p95_ms")] double P95Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms,
    [property: JsonPropertyName("max_ms")] double MaxMs,
    [property: JsonPropertyName("request_p50_ms")] double RequestP50Ms,
    [property: JsonPropertyName("request_p99_ms")] double RequestP99Ms,
    [property: JsonPropertyName("to_offer_p50_ms")] double ToOfferP50Ms,
    [property: JsonPropertyName("to_offer_p99_ms")] double ToOfferP99Ms,
    [property: JsonPropertyName("offer_to_arrival_p50_ms")] double OfferToArrivalP50Ms,
    [property: JsonPropertyName("offer_to_arrival_p99_ms")] double OfferToArrivalP99Ms,
    [property: JsonPropertyName("misses")] long Misses,
    [property: JsonPropertyName("late")] long Late,
    [property: JsonPropertyName("never_offered")] long NeverOffered,
    [property: JsonPropertyName("miss_after_s")] double MissAfterSeconds,
    [property: JsonPropertyName("offer_before_ack")] long OfferBeforeAck,
    [property: JsonPropertyName("no_free_shopper")] long NoFreeShopper,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("errors_by_kind")] IReadOnlyDictionary<string, long> ErrorsByKind)
{
    /// <param name="run">From the first hand-off (warm-up included) to the end of the wait for the last offers.</param>
    public static HandoffFigures From(HandoffLedger ledger, int agents, int capacity, int shoppers, double rate, TimeSpan measured, TimeSpan run, TimeSpan missAfter)
    {
        var histogram = ledger.Latencies;
        double Ms(double percentile) => ledger.OfferedCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency, 2);
        double RequestMs(double percentile) =>
            ledger.AcknowledgedCount == 0 ? 0 : Math.Round(ledger.Requests.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency, 2);
        var never = ledger.NeverOffered();
        return new HandoffFigures(agents, capacity, shoppers, rate, Math.Round(measured.TotalSeconds, 1), ledger.AcknowledgedCount,
            Math.Round(ledger.AcknowledgedCount / measured.TotalSeconds, 1), ledger.OfferedCount, ledger.TakenCount, Math.Round(ledger.TakenCount / run.TotalSeconds, 1), Ms(50), Ms(95), Ms(99),
            ledger.OfferedCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(100) * 1000.0 / Stopwatch.Frequency, 2), RequestMs(50), RequestMs(99),
            Of(ledger.ToOffer, 50), Of(ledger.ToOffer, 99), Of(ledger.OfferToArrival, 50), Of(ledger.OfferToArrival, 99),
            never + ledger.Late, ledger.Late, never, missAfter.TotalSeconds, ledger.Overtook, ledger.NoShopper, ledger.ErrorCount, ledger.Errors);
    }

    private static double Of(HdrHistogram.LongConcurrentHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : Math.Round(histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency, 2);

    public void WriteJson(TextWriter writer) => writer.WriteLine(JsonSerializer.Serialize(this));

    public void WriteText(TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"{Agents} agents x {Capacity}, {Shoppers} shoppers; {Handoffs:N0} hand-offs acknowledged in {Seconds:0.0} s: {AchievedRate:N1}/s of {TargetRate:N1}/s"));
        writer.WriteLine(string.Create(c, $"acknowledged -> offer on the agent's connection over {Offered:N0}: p50 {P50Ms:0.00} ms  p95 {P95Ms:0.00}  p99 {P99Ms:0.00}  max {MaxMs:0.00}"));
        writer.WriteLine(string.Create(c, $"offers the agents took in the whole run (warm-up's places included): {OffersTaken:N0}, {OffersTakenRate:N1}/s"));
        writer.WriteLine(string.Create(c, $"the hand-off requests themselves (start + button), as the shopper waited: p50 {RequestP50Ms:0.00} ms  p99 {RequestP99Ms:0.00}"));
        writer.WriteLine(string.Create(c, $"by the server's stamps: hand-off requested -> offer made p50 {ToOfferP50Ms:0.00} ms  p99 {ToOfferP99Ms:0.00}; offer made -> on the agent's connection p50 {OfferToArrivalP50Ms:0.00} ms  p99 {OfferToArrivalP99Ms:0.00}"));
        writer.WriteLine(string.Create(c, $"misses (no offer within {MissAfterSeconds:0.#} s): {Misses:N0} ({NeverOffered:N0} never, {Late:N0} late); offer before the acknowledgement {OfferBeforeAck:N0}; not sent, no free shopper {NoFreeShopper:N0}; errors {Errors:N0}"));
        foreach (var (kind, count) in ErrorsByKind)
        {
            writer.WriteLine(string.Create(c, $"error x{count:N0}: {kind}"));
        }
    }
}
