using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Security;

/// <summary>
/// A bounded fuzzer built from the OpenAPI document: a fixed seed, a few thousand requests over every operation, bodies
/// shaped by the operation's schema and then spoiled (wrong types, edge numbers, odd strings, missing and extra fields).
/// No answer may be a 5xx, and a refused request (4xx) may leave nothing stored.
/// </summary>
public sealed class OpenApiFuzzTests
{
    private const int Seed = 12_345;
    private const int RequestsPerOperation = 40;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Fuzzed_requests_from_the_OpenAPI_document_never_get_a_5xx_and_a_refused_one_stores_nothing(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var (customer, merchant) = await feed.CustomerAndMerchantAsync();
        var order = await feed.CreateAsync("orders", Feed.Order(customer, merchant));
        var client = await app.ClientWithKeyAsync(Scopes.Ingest, Scopes.Risk, Scopes.Admin, Scopes.ForMerchant(merchant));
        var document = JsonNode.Parse(await app.Client().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var fuzz = new Fuzz(new Random(Seed), document, [customer, merchant, order]);

        var serverErrors = new List<string>();
        var sent = 0;
        foreach (var (method, path, operation) in Operations(document))
        {
            for (var i = 0; i < RequestsPerOperation; i++)
            {
                var before = await StoredAsync(app);
                using var request = fuzz.Request(method, path, operation);
                var response = await client.SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    serverErrors.Add($"{method} {request.RequestUri} -> {status}: {await response.Content.ReadAsStringAsync()}");
                }
                else if (status >= 400)
                {
                    Assert.True(before == await StoredAsync(app), $"{method} {request.RequestUri} -> {status} stored something");
                }
            }
        }

        Assert.True(sent >= 2_000, $"only {sent} requests");
        Assert.True(serverErrors.Count == 0, string.Join("\n", serverErrors.Take(10)));
    }

    private static IEnumerable<(HttpMethod Method, string Path, JsonNode Operation)> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                if (verb is "get" or "post" or "put" or "patch" or "delete")
                {
                    yield return (new HttpMethod(verb.ToUpperInvariant()), path, operation!);
                }
            }
        }
    }

    /// <summary>Rows of every table a request could write, as one string: equal before and after means nothing was stored.</summary>
    private static Task<string> StoredAsync(OmbudTestApp app) => app.WithDbAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && e.FindPrimaryKey() is not null && !e.IsOwned())
            .Select(e => e.GetSchema() is { } schema ? $"\"{schema}\".\"{e.GetTableName()}\"" : $"\"{e.GetTableName()}\"")
            .Distinct(StringComparer.Ordinal)
            .Where(t => !t.Contains("data_protection", StringComparison.Ordinal));
        var sql = "SELECT " + string.Join(" || ',' || ", tables.Select(t => $"CAST((SELECT COUNT(*) FROM {t}) AS TEXT)")) + " AS \"Value\"";
        return await db.Database.SqlQueryRaw<string>(sql).SingleAsync();
    });

    private sealed class Fuzz(Random random, JsonNode document, Guid[] known)
    {
        private static readonly string[] OddStrings =
        [
            "", " ", "a", new string('x', 5_000), "\u202Eexe.pdf", "ä✓😀", "null", "-1", "9223372036854775808", "<script>alert(1)</script>",
            "' OR 1=1 --", "../../etc/passwd", "\0", "SEK", "payIn4", "2026-11-23T09:00:00Z", "not-a-guid",
        ];

        private static readonly string[] FileNames = ["a.pdf", "proof.pdf.hta", "x y.pdf", "../../etc/passwd", "invoice.exe"];

        private static readonly long[] OddNumbers = [0, -1, 1, 100, 129_900, 9_999_999_999, 10_000_000_000, long.MaxValue, long.MinValue, int.MaxValue];

        public HttpRequestMessage Request(HttpMethod method, string path, JsonNode operation)
        {
            var uri = new StringBuilder(PathWith(path));
            var query = (operation["parameters"]?.AsArray() ?? []).Where(p => (string?)p!["in"] == "query").ToList();
            var separator = '?';
            foreach (var parameter in query.Where(_ => random.Next(2) == 0))
            {
                uri.Append(separator).Append((string?)parameter!["name"]).Append('=')
                    .Append(Uri.EscapeDataString(Scalar(parameter["schema"]).Replace("\0", "", StringComparison.Ordinal)));
                separator = '&';
            }

            var request = new HttpRequestMessage(method, new Uri(uri.ToString(), UriKind.Relative));
            if (operation["requestBody"]?["content"] is JsonObject content)
            {
                if (content.ContainsKey("application/json"))
                {
                    var body = random.Next(10) == 0 ? OddStrings[random.Next(OddStrings.Length)] : Value(content["application/json"]!["schema"], 0)?.ToJsonString() ?? "null";
                    request.Content = new StringContent(body, Encoding.UTF8, random.Next(20) == 0 ? "text/plain" : "application/json");
                }
                else if (content.ContainsKey("multipart/form-data"))
                {
                    var form = new MultipartFormDataContent { { new StringContent(OddStrings[random.Next(OddStrings.Length)]), "text" } };
                    var file = new ByteArrayContent(random.Next(2) == 0 ? "%PDF-1.7\n%%EOF"u8.ToArray() : [.. Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256))]);
                    file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                    form.Add(file, "files", FileNames[random.Next(FileNames.Length)]);
                    request.Content = form;
                }
            }

            if (method == HttpMethod.Post && random.Next(2) == 0)
            {
                request.Headers.Add("Idempotency-Key", $"fuzz-{random.Next(20)}");
            }

            return request;
        }

        private string PathWith(string template)
        {
            var builder = new StringBuilder();
            foreach (var segment in template.Split('/'))
            {
                if (builder.Length > 0 || segment.Length > 0)
                {
                    builder.Append('/');
                }

                builder.Append(segment.StartsWith('{')
                    ? Uri.EscapeDataString(random.Next(4) switch
                    {
                        0 => known[random.Next(known.Length)].ToString(),
                        // The in-process server refuses a NUL in a path before Ombud sees it (Kestrel answers 400).
                        1 => OddStrings[random.Next(OddStrings.Length)].Replace("\0", "", StringComparison.Ordinal),
                        _ => Guid.NewGuid().ToString(),
                    })
                    : segment);
            }

            return builder.ToString();
        }

        private string Scalar(JsonNode? schema) => Value(schema, 0) switch
        {
            JsonValue value => value.ToString(),
            var other => other?.ToJsonString() ?? "",
        };

        /// <summary>A value shaped by <paramref name="schema"/>, spoiled one time in eight.</summary>
        private JsonNode? Value(JsonNode? schema, int depth)
        {
            schema = Resolve(schema);
            if (schema is null || depth > 4 || random.Next(8) == 0)
            {
                return Spoiled();
            }

            if (schema["enum"] is JsonArray choices && choices.Count > 0)
            {
                return choices[random.Next(choices.Count)]?.DeepClone();
            }

            var type = schema["type"] switch
            {
                JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
                var t => (string?)t,
            };
            if (schema["properties"] is JsonObject || type == "object")
            {
                var result = new JsonObject();
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    if (random.Next(6) != 0)
                    {
                        result[name] = Value(property, depth + 1);
                    }
                }

                return result;
            }

            return type switch
            {
                "array" => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(schema["items"], depth + 1))]),
                "integer" or "number" => JsonValue.Create(OddNumbers[random.Next(OddNumbers.Length)]),
                "boolean" => JsonValue.Create(random.Next(2) == 0),
                "string" when (string?)schema["format"] == "uuid" => JsonValue.Create(random.Next(2) == 0 ? known[random.Next(known.Length)] : Guid.NewGuid()),
                "string" when (string?)schema["format"] == "date-time" => JsonValue.Create(random.Next(2) == 0 ? "2026-11-20T10:00:00Z" : "9999-12-31T23:59:59Z"),
                _ => JsonValue.Create(OddStrings[random.Next(OddStrings.Length)]),
            };
        }

        private JsonNode? Spoiled() => random.Next(5) switch
        {
            0 => null,
            1 => JsonValue.Create(OddNumbers[random.Next(OddNumbers.Length)]),
            2 => JsonValue.Create(OddStrings[random.Next(OddStrings.Length)]),
            3 => new JsonArray(JsonValue.Create(1), JsonValue.Create("two")),
            _ => new JsonObject { ["unexpected"] = true },
        };

        private JsonNode? Resolve(JsonNode? schema)
        {
            for (var hops = 0; hops < 10 && schema?["$ref"] is JsonValue reference; hops++)
            {
                var name = ((string)reference!).Split('/')[^1];
                schema = document["components"]?["schemas"]?[name];
            }

            if (schema?["oneOf"] is JsonArray oneOf && oneOf.Count > 0)
            {
                return Resolve(oneOf[random.Next(oneOf.Count)]);
            }

            return schema?["anyOf"] is JsonArray anyOf && anyOf.Count > 0 ? Resolve(anyOf[random.Next(anyOf.Count)]) : schema;
        }
    }
}
