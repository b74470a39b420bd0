using Ombud.Platform.Mail;
using Microsoft.AspNetCore.Http.Json;
using Ombud.Platform.Audit;
using Ombud.Platform.Events;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;
using Ombud.Platform.People;
using Ombud.Platform.Privacy;
using Ombud.Platform.Realtime;
using Ombud.Platform.Storage;
using Ombud.Platform.Telemetry;
using Scalar.AspNetCore;

namespace Ombud.Platform;

/// <summary>The shared mechanisms every module stands on: storage, auth, audit, idempotency, HTTP conventions, telemetry.</summary>
internal static class PlatformSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static void AddPlatform(this WebApplicationBuilder builder, HostSettings settings)
    {
        builder.AddOmbudTelemetry(logsToStandardError: settings.IsCommand);
        var database = builder.AddOmbudStorage();
        var demo = DemoMode.From(builder.Configuration, database);
        builder.Services.AddSingleton(demo);
        builder.AddOmbudAuth(demo);
        builder.AddPeople();
        builder.AddOmbudRateLimits();
        builder.AddSecurityHeaders();

        var services = builder.Services;
        builder.AddOmbudKeyRing(demo, serving: !settings.IsCommand);
        // In demo mode an admin may move the node's clock forward (DemoClock); otherwise it is the system's.
        services.AddSingleton(_ => new DemoClock(TimeProvider.System));
        services.AddSingleton(sp => demo.IsOn ? sp.GetRequiredService<DemoClock>() : TimeProvider.System);
        services.AddScoped<DemoClockControl>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<StaffDesk.CustomerView>();
        services.AddScoped<Outbox.DomainEvents>();
        builder.AddIdempotency(settings);
        builder.AddEventsAndTimers(settings);
        builder.AddPrivacy(settings);
        builder.AddMail();
        // Secure over HTTPS, including HTTPS a trusted proxy terminated (SecurityHeaders' forwarded headers).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<DatabaseBusyHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<OmbudDb>("database", tags: ["ready"]);

        builder.AddOmbudRealtime();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodySizeLimit.DefaultBytes);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UsePageErrors();
        app.UseCrossOriginGuard();
        app.UseRouting();
        app.UseBodySizeLimit();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseWriteTurns();
        app.UseAntiforgery();
    }

    public static void MapPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        // The API's description is public like any integration guide; every operation in it still needs a key.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar").AllowAnonymous();
        app.MapEventsAndTimers();
        app.MapPrivacyApi();
        app.MapApiKeyApi();
        app.MapPeopleApi();
        app.MapDemoClockApi();
        app.MapWriteTimeApi();
        StaffDesk.StaffDeskApi.MapStaffDeskApi(app);
        app.MapAuditLogApi();
        app.MapMail();
    }

    /// <summary>Migrates (unless disabled) and then runs <paramref name="afterMigration"/>, exclusively across nodes.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool migrate, Func<IServiceProvider, Task> afterMigration,
        CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var startup = scope.ServiceProvider.GetRequiredService<DatabaseStartup>();
        await startup.RunExclusiveAsync(async () =>
        {
            if (migrate)
            {
                await startup.MigrateAsync(cancellationToken);
            }

            await afterMigration(scope.ServiceProvider);
        }, cancellationToken);
    }
}
