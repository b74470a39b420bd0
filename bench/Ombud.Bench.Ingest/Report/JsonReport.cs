using System.Text.Json;

namespace Ombud.Bench.Ingest.Report;

internal static class JsonReport
{
    public static void Write(BenchFigures figures, TextWriter writer) =>
        writer.WriteLine(JsonSerializer.Serialize(figures, ReportJson.Default.BenchFigures));
}
