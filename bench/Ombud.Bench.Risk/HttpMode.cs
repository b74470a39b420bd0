using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using Ombud.Bench.Ingest.Cli;

namespace Ombud.Bench.Risk;

/// <summary>
/// End to end: <c>POST /api/v1/risk/score</c> for stored orders from N callers for a fixed time, after a warm-up that
/// is left out of the figures. Each decision reads the order and its linked history, scores it with the node's model
/// and live rules, and stores the decision with its event and audit entry. Optionally waits first until the node's
/// decisions rest on a model (a node training its model at start decides by rules until it is ready).
/// </summary>
internal static class HttpMode
{
    private sealed record Options(Uri Url, string Key, int Callers, int Seconds, int Warmup, int Orders, int WaitModel, bool Json);

    public static async Task<int> RunAsync(string[] args)
    {
        var (options, error) = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine("usage: ombud-bench-risk --url <url> [--key <key with ingest and risk scopes, default $OMBUD_BENCH_KEY>] [--callers 16] "
                                    + "[--seconds 30] [--warmup 5] [--orders 2000] [--wait-model <seconds>] [--json]");
            Console.Error.WriteLine("       ombud-bench-risk <url> <key> [callers] [seconds] [orders]");
            Console.Error.WriteLine("       ombud-bench-risk rules [model.zip] [orders]");
            return ExitCodes.BadArguments;
        }

        var log = options.Json ? Console.Error : Console.Out;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Callers }) { BaseAddress = options.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);

        var orders = await OrdersAsync(http, options.Orders);
        if (orders.Count == 0)
        {
            Console.Error.WriteLine("error: the node has no orders to score.");
            return ExitCodes.Failed;
        }

        var requests = new ScoreRequests(orders);
        string basis = "";
        var waited = Stopwatch.StartNew();
        do
        {
            using var first = await requests.PostAsync(http, 0);
            if (!first.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"error: POST /api/v1/risk/score answered {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
                return ExitCodes.Failed;
            }

            basis = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("basis").GetString() ?? "";
            if (options.WaitModel == 0 || basis.StartsWith("model", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(1000);
        }
        while (waited.Elapsed.TotalSeconds < options.WaitModel);

        if (options.WaitModel > 0 && !basis.StartsWith("model", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"error: after {options.WaitModel} s the node still decides by '{basis}', not a model.");
            return ExitCodes.Failed;
        }

        log.WriteLine($"{orders.Count:N0} orders to score, {options.Callers} callers, {options.Warmup} s warm-up, {options.Seconds} s measured; basis: {basis}");
        var warmup = await LoadAsync(http, requests, options.Callers, TimeSpan.FromSeconds(options.Warmup), log);
        var measured = await LoadAsync(http, requests, options.Callers, TimeSpan.FromSeconds(options.Seconds), log);

        double Ms(double percentile) => measured.Histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        var perSecond = measured.Done / measured.Elapsed.TotalSeconds;
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["decisions"] = measured.Done,
                ["errors"] = measured.Failed,
                ["warmup_decisions"] = warmup.Done,
                ["callers"] = options.Callers,
                ["seconds"] = Math.Round(measured.Elapsed.TotalSeconds, 2),
                ["decisions_per_second"] = Math.Round(perSecond, 1),
                ["p50_ms"] = Math.Round(Ms(50), 2),
                ["p90_ms"] = Math.Round(Ms(90), 2),
                ["p99_ms"] = Math.Round(Ms(99), 2),
                ["p999_ms"] = Math.Round(Ms(99.9), 2),
                ["max_ms"] = Math.Round(Ms(100), 2),
                ["basis"] = basis,
            }));
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"decisions/s {perSecond:N0}  p50 {Ms(50):N1} ms  p99 {Ms(99):N1} ms  max {Ms(100):N1} ms  failed {measured.Failed:N0}"));
        }

        return measured.Failed > 0 || measured.Done == 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private sealed record Phase(long Done, long Failed, TimeSpan Elapsed, LongConcurrentHistogram Histogram);

    private static async Task<Phase> LoadAsync(HttpClient http, ScoreRequests requests, int callers, TimeSpan until, TextWriter log)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(60), 3);
        var (done, failed) = (0L, 0L);
        var clock = Stopwatch.StartNew();

        async Task Caller(int id)
        {
            var random = new Random(id);
            while (clock.Elapsed < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await requests.PostAsync(http, random.Next(requests.Count));
                histogram.RecordValue(Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref done : ref failed);
            }
        }

        var all = Task.WhenAll(Enumerable.Range(0, callers).Select(Caller));
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(1000));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clock.Elapsed.TotalSeconds,5:N0} s  {Interlocked.Read(ref done),8:N0} decided  {Interlocked.Read(ref failed):N0} failed"));
        }

        await all;
        return new Phase(done, failed, clock.Elapsed, histogram);
    }

    private static async Task<List<Guid>> OrdersAsync(HttpClient http, int wanted)
    {
        var orders = new List<Guid>();
        for (string? cursor = null; orders.Count < wanted;)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"orders?limit=100{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            orders.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
            if (page.GetProperty("nextCursor").ValueKind != JsonValueKind.String)
            {
                break;
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }

        return orders;
    }

    private static (Options? Options, string? Error) Parse(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = false;
        if (args.Length >= 2 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            // The older positional form: <url> <key> [callers] [seconds] [orders].
            string[] names = ["--url", "--key", "--callers", "--seconds", "--orders"];
            for (var i = 0; i < args.Length && i < names.Length; i++)
            {
                named[names[i]] = args[i];
            }

            named["--warmup"] = "0";
        }
        else
        {
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--json")
                {
                    json = true;
                }
                else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    named[args[i]] = args[++i];
                }
                else
                {
                    return (null, $"unexpected argument '{args[i]}'.");
                }
            }
        }

        string[] known = ["--url", "--key", "--callers", "--seconds", "--warmup", "--orders", "--wait-model"];
        if (named.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return (null, $"unknown option {unknown}.");
        }

        if (TargetUrl.Check(named.GetValueOrDefault("--url")) is { } urlError)
        {
            return (null, urlError);
        }

        var key = named.GetValueOrDefault("--key") ?? Environment.GetEnvironmentVariable("OMBUD_BENCH_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            return (null, "--key is required (or set $OMBUD_BENCH_KEY): a key with the ingest and risk scopes.");
        }

        int? Number(string name, int fallback, int min, int max) =>
            !named.TryGetValue(name, out var text) ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;

        var (callers, seconds, warmup, orders, waitModel) =
            (Number("--callers", 16, 1, 1000), Number("--seconds", 30, 1, 86_400), Number("--warmup", 5, 0, 3600), Number("--orders", 2000, 1, 1_000_000),
                Number("--wait-model", 0, 0, 3600));
        if (callers is null || seconds is null || warmup is null || orders is null || waitModel is null)
        {
            return (null, "--callers (1–1000), --seconds (1–86400), --warmup (0–3600), --orders (1–1000000) and --wait-model (0–3600) are whole numbers.");
        }

        var url = TargetUrl.Normalise(named["--url"]);
        return (new Options(new Uri(url, "api/v1/"), key.Trim(), callers.Value, seconds.Value, warmup.Value, orders.Value, waitModel.Value, json), null);
    }
}
