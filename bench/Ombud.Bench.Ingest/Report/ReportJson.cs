using System.Text.Json.Serialization;

namespace Ombud.Bench.Ingest.Report;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchFigures))]
internal sealed partial class ReportJson : JsonSerializerContext;
