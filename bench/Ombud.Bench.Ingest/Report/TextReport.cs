using System.Globalization;
using Ombud.Bench.Ingest.Load;

namespace Ombud.Bench.Ingest.Report;

/// <summary>Plain aligned text, so the block pastes into docs/benchmarks.md as it is.</summary>
internal static class TextReport
{
    public static void Write(BenchFigures figures, ErrorTally errors, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"orders          {figures.Orders,12:N0}{(figures.StoppedEarly ? "   (stopped early)" : "")}"));
        writer.WriteLine(string.Create(c, $"errors          {figures.Errors,12:N0}{(figures.Errors > 0 ? "   " + errors.Summary() : "")}"));
        writer.WriteLine(string.Create(c, $"wall time       {figures.Seconds,12:F3} s"));
        writer.WriteLine(string.Create(c, $"throughput      {figures.OrdersPerSecond,12:N1} orders/s"));
        writer.WriteLine(string.Create(c, $"concurrency     {figures.Concurrency,12}   (warmup {figures.Warmup:N0} orders, not counted)"));
        writer.WriteLine(string.Create(c, $"orders/request  {figures.Batch,12}"));
        writer.WriteLine(figures.Batch == 1 ? "latency (ms)" : "latency per batch request (ms)");
        writer.WriteLine(string.Create(c, $"  p50           {figures.P50Ms,12:F3}"));
        writer.WriteLine(string.Create(c, $"  p90           {figures.P90Ms,12:F3}"));
        writer.WriteLine(string.Create(c, $"  p99           {figures.P99Ms,12:F3}"));
        writer.WriteLine(string.Create(c, $"  p99.9         {figures.P999Ms,12:F3}"));
        writer.WriteLine(string.Create(c, $"  max           {figures.MaxMs,12:F3}"));
        WriteSamples(errors, writer);
    }

    /// <summary>The server's first answer per error kind; to stderr in --json mode so stdout stays one object.</summary>
    public static void WriteSamples(ErrorTally errors, TextWriter writer)
    {
        foreach (var (bucket, sample) in errors.Samples())
        {
            writer.WriteLine($"first {bucket}: {sample}");
        }
    }
}
