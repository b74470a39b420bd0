using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ombud.Bench.Ingest.Api;

/// <summary>Source-generated so serialising payloads costs the load generator as little CPU as possible.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MerchantPayload))]
[JsonSerializable(typeof(CustomerPayload))]
[JsonSerializable(typeof(OrderPayload))]
[JsonSerializable(typeof(OrderBatchPayload))]
[JsonSerializable(typeof(OrderBatchAnswer))]
[JsonSerializable(typeof(CreatedResource))]
internal sealed partial class ApiJson : JsonSerializerContext;
