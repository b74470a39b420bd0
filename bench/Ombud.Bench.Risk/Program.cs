using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;

// Risk decisions on demand against a running node: POST /api/v1/risk/score for stored orders, from N concurrent
// callers, for a fixed time. Each decision reads the order and its linked history, scores it with the node's model
// and rules, and stores the decision with its event. Prints one line a second, then decisions/s and latency.
// Usage: ombud-bench-risk <url> <key with ingest and risk scopes> [concurrency=16] [seconds=30] [orders=2000]
//        ombud-bench-risk rules [model.zip] [orders=50000]   (in-process: 20 rules, and the model, without database or HTTP)
if (args.Length > 0 && args[0] == "rules")
{
    return Ombud.Bench.Risk.RulesMode.Run(args[1..]);
}

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ombud-bench-risk <url> <key with ingest and risk scopes> [concurrency] [seconds] [orders]");
    return 2;
}

var (url, key) = (args[0], args[1]);
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;
var wanted = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2000;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(url) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

var orders = new List<Guid>();
for (string? cursor = null; orders.Count < wanted;)
{
    var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/orders?limit=100{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
    orders.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
    if (page.GetProperty("nextCursor").ValueKind != JsonValueKind.String)
    {
        break;
    }

    cursor = page.GetProperty("nextCursor").GetString();
}

Console.WriteLine($"{orders.Count:N0} orders to score, {concurrency} callers, {seconds} s");
var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(60), 3);
var (done, failed) = (0L, 0L);
var stop = Stopwatch.StartNew();
var until = TimeSpan.FromSeconds(seconds);

async Task Caller(int id)
{
    var random = new Random(id);
    while (stop.Elapsed < until)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("/api/v1/risk/score", new { orderId = orders[random.Next(orders.Count)] });
        histogram.RecordValue(Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref response.IsSuccessStatusCode ? ref done : ref failed);
    }
}

var callers = Enumerable.Range(0, concurrency).Select(Caller).ToList();
while (!Task.WhenAll(callers).IsCompleted)
{
    await Task.WhenAny(Task.WhenAll(callers), Task.Delay(1000));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stop.Elapsed.TotalSeconds,5:N0} s  {Interlocked.Read(ref done),8:N0} decided  {Interlocked.Read(ref failed):N0} failed"));
}

double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"decisions/s {done / stop.Elapsed.TotalSeconds:N0}  p50 {Ms(50):N1} ms  p99 {Ms(99):N1} ms  max {Ms(100):N1} ms  failed {failed:N0}"));
return failed > 0 ? 1 : 0;
