using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ombud.Platform.Telemetry;

/// <summary>
/// Logs as JSON lines for machines (a file, a log shipper) and as short readable lines for a person at a terminal
/// (<c>Ombud:Logging:Format</c> = <c>auto</c>, <c>json</c> or <c>text</c>); OpenTelemetry metrics and traces when an
/// OTLP endpoint is configured.
/// </summary>
internal static class TelemetrySetup
{
    public const string MeterName = "Ombud";

    public static void AddOmbudTelemetry(this IHostApplicationBuilder builder, bool logsToStandardError)
    {
        // Defaults beneath every other source: without them a node started outside its folder (no appsettings.json)
        // would log every SQL command EF runs.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            },
        });
        builder.Logging.ClearProviders();
        if (ReadableLogs(builder.Configuration["Ombud:Logging:Format"], logsToStandardError))
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "HH:mm:ss ";
                options.IncludeScopes = false;
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.IncludeScopes = false;
            });
        }

        if (logsToStandardError)
        {
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Nothing would receive them: collecting traces and metrics anyway costs every request for no reader.
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ombud"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MeterName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(MeterName))
            .UseOtlpExporter();
    }

    /// <summary>Readable lines when asked for, or by default when the logs go to a terminal rather than a file or pipe.</summary>
    private static bool ReadableLogs(string? format, bool logsToStandardError) => format?.Trim().ToLowerInvariant() switch
    {
        "text" => true,
        "json" => false,
        null or "" or "auto" => !(logsToStandardError ? Console.IsErrorRedirected : Console.IsOutputRedirected),
        var other => throw new InvalidOperationException($"Ombud:Logging:Format is '{other}'; use auto, json or text."),
    };
}
