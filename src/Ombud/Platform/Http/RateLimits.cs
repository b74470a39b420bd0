using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Ombud.Platform.Auth;

namespace Ombud.Platform.Http;

/// <summary>Section <c>Ombud:RateLimits</c>: how much one caller may ask of one node (ASP.NET Core's rate limiter).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Ombud:RateLimits";

    /// <summary>Requests per window for one API key (a provider's checkout may feed thousands of orders a second).</summary>
    public int PerKey { get; set; } = 120_000;

    /// <summary>Requests per window for one signed-in person (pages, API, hub negotiation).</summary>
    public int PerPerson { get; set; } = 600;

    /// <summary>Requests per window from one address without credentials (sign-in page, OpenAPI document).</summary>
    public int PerAnonymousAddress { get; set; } = 300;

    /// <summary>Password sign-in attempts per window from one address, right or wrong.</summary>
    public int SignInPerAddress { get; set; } = 20;

    /// <summary>Sign-ups (and their confirmations) per window from one address: each makes an account and may send an e-mail.</summary>
    public int SignUpPerAddress { get; set; } = 10;

    /// <summary>Wrong passwords for one account from one address before that address must wait for the window to pass.</summary>
    public int SignInFailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>The window every limit above counts in.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>The window wrong passwords are counted in.</summary>
    public int SignInFailureWindowSeconds { get; set; } = 900;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>
/// Who pays for a request: the API key, the signed-in person, or else the remote address. One fixed window per caller,
/// refused with 429 and <c>Retry-After</c>. Counted: the API, sign-in, the hubs and every request that is not a GET;
/// page and asset GETs are not (a page pulls dozens of assets), nor the health probes (load balancers call them constantly).
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "signin";

    /// <summary>The public sign-up (agents signing themselves up): a budget per address of its own, like sign-in.</summary>
    public const string SignUp = "signup";

    public static void AddOmbudRateLimits(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(seconds.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests.",
                    "Slow down: this caller has used its requests for now. Try again after the number of seconds in Retry-After.")
                    .ExecuteAsync(context.HttpContext));
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, options));
            limiter.AddPolicy(SignIn, http => Window($"signin:{Address(http)}", options.SignInPerAddress, options));
            limiter.AddPolicy(SignUp, http => Window($"signup:{Address(http)}", options.SignUpPerAddress, options));
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions options)
    {
        var path = http.Request.Path;
        var counted = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                      || path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                      || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                      || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
        if (!counted)
        {
            return RateLimitPartition.GetNoLimiter("uncounted");
        }

        // Each caller counts under its audit name (a key's is its id claim itself, so a key's request builds no string).
        return Caller.ActorOf(http.User) switch
        {
            { IsKey: true, Actor: var key } => Window(key, options.PerKey, options),
            { Actor: var person } => Window(person, options.PerPerson, options),
            null => Window($"address:{Address(http)}", options.PerAnonymousAddress, options),
        };
    }

    private static RateLimitPartition<string> Window(string key, int permits, RateLimitOptions options) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = options.Window,
            QueueLimit = 0,
        });

    /// <summary>The client's address as the forwarded-headers middleware left it; IPv6 clients share their /64.</summary>
    public static string Address(HttpContext http) => http.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 when !v6.IsIPv4MappedToIPv6 => new IPNetwork(Mask64(v6), 64).ToString(),
        var address => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString(),
    };

    private static IPAddress Mask64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
