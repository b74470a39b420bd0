using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Auth;

/// <summary>People sign in with Identity cookies (or OpenID Connect when configured); systems with API keys.</summary>
internal static class AuthSetup
{
    private const string CallerScheme = "KeyOrCookie";

    /// <summary>How long a signed-in session is trusted before its account is read again; zero (the default): every request.</summary>
    public const string SessionCheckSetting = "Ombud:Auth:SessionCheckInterval";

    public static void AddOmbudAuth(this IHostApplicationBuilder builder, DemoMode demo)
    {
        var services = builder.Services;
        services.AddMemoryCache();
        services.AddScoped<ApiKeyRegistry>();
        services.AddIdentity<OmbudUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                // Sign-in never locks an account (a stranger could lock anyone's); Web's SignInThrottle holds the guesser.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
                // An account someone made for themselves signs in once its e-mail is confirmed (AccountConfirmation), with
                // a link whose expiry follows TimeProvider like an invitation's.
                options.SignIn.RequireConfirmedAccount = true;
                options.Tokens.EmailConfirmationTokenProvider = People.InvitationTokens.ProviderName;
            })
            .AddEntityFrameworkStores<OmbudDb>()
            .AddClaimsPrincipalFactory<SignInClaims>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<People.InvitationTokens>(People.InvitationTokens.ProviderName);
        services.AddScoped<IUserConfirmation<OmbudUser>, AccountConfirmation>();
        // The cookie's security stamp and roles are re-read on every request (Identity's default is every 30 minutes):
        // a role taken away or an account locked by an admin holds from the person's next request, on every node.
        // SessionCheck does it with one read of the account and its roles (and one per module that adds claims); keys
        // are not affected.
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = builder.Configuration.GetValue(SessionCheckSetting, TimeSpan.Zero));
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, SessionCheck>());

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "ombud";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            // An API client wants a status, not a sign-in page: under /api a missing or wrong cookie is a 401 or 403.
            cookie.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            var validateStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = context => RefuseDemoOutsideDemoMode(context, demo) ?? validateStamp(context);
        });

        // One default scheme that sends a request with a bearer key to the key handler and any other to the cookie: a valid
        // key is then known on every route (an unknown route answers 404, a wrong content type 415, not 401), and
        // before the rate limiter, which counts each caller on its own.
        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = CallerScheme;
                options.DefaultAuthenticateScheme = CallerScheme;
                options.DefaultChallengeScheme = CallerScheme;
                options.DefaultForbidScheme = CallerScheme;
            })
            .AddPolicyScheme(CallerScheme, "Key or cookie", policy => policy.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        AddOpenIdConnectWhenConfigured(builder, authentication);

        services.AddAuthorizationBuilder()
            // Every endpoint needs a signed-in person unless it says otherwise: forgetting an attribute fails closed.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Ingest, ScopePolicy(Scopes.Ingest))
            .AddPolicy(Policies.Risk, ScopePolicy(Scopes.Risk))
            .AddPolicy(Policies.AdminKey, ScopePolicy(Scopes.Admin))
            .AddPolicy(Policies.Admin, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.IsInRole(Roles.Admin) || c.User.HasClaim(Scopes.ClaimType, Scopes.Admin)))
            // The default scheme already tells a key from a cookie; naming both here would answer a refused page with a
            // bare 403 instead of the denied page.
            .AddPolicy(Policies.StaffDesk, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(c => Policies.IsStaffDesk(c.User)))
            .AddPolicy(Policies.MerchantKey, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.FindAll(Scopes.ClaimType).Any(s => s.Value.StartsWith(Scopes.MerchantPrefix, StringComparison.Ordinal))));
        foreach (var role in Roles.All)
        {
            services.AddAuthorizationBuilder().AddPolicy(Policies.Role(role), policy => policy.RequireRole(role));
        }
    }

    /// <summary>A session a demo account opened is void on a node outside demo mode, however fresh its cookie.</summary>
    private static Task? RefuseDemoOutsideDemoMode(CookieValidatePrincipalContext context, DemoMode demo)
    {
        if (demo.IsOn || context.Principal?.HasClaim(CallerClaims.Demo, "true") != true)
        {
            return null;
        }

        context.RejectPrincipal();
        return context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static Action<AuthorizationPolicyBuilder> ScopePolicy(string scope) => policy => policy
        .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
        .RequireAuthenticatedUser()
        .RequireClaim(Scopes.ClaimType, scope);

    private static void AddOpenIdConnectWhenConfigured(IHostApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var section = builder.Configuration.GetSection("Ombud:OpenIdConnect");
        if (string.IsNullOrEmpty(section["Authority"]))
        {
            return;
        }

        authentication.AddOpenIdConnect(options =>
        {
            options.Authority = section["Authority"];
            options.ClientId = section["ClientId"];
            options.ClientSecret = section["ClientSecret"];
            options.ResponseType = "code";
            options.SaveTokens = false;
            // An external sign-in lands in Identity's external cookie; the sign-in endpoint links it to an Ombud account.
            options.SignInScheme = IdentityConstants.ExternalScheme;
        });
    }
}

/// <summary>Names of authorization policies, for endpoints and pages.</summary>
public static class Policies
{
    public const string Ingest = "scope:ingest";
    public const string Risk = "scope:risk";
    public const string AdminKey = "scope:admin";
    public const string MerchantKey = "scope:merchant";

    /// <summary>An admin: a person in the admin role or a key with the admin scope.</summary>
    public const string Admin = "platform:admin";

    /// <summary>
    /// The provider's own desk, which may look up any customer and list every dispute: admins (person or key), fraud
    /// specialists and agents of the staff tier (<see cref="CallerClaims.StaffAgent"/>). A gig agent is not staff: it
    /// sees a customer only while it holds their conversation.
    /// </summary>
    public const string StaffDesk = "platform:staff-desk";

    public static string Role(string role) => $"role:{role}";

    /// <summary>Whether <paramref name="user"/> may use the staff desk (<see cref="StaffDesk"/>); pages ask it too.</summary>
    public static bool IsStaffDesk(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.FraudSpecialist) || user.HasClaim(CallerClaims.StaffAgent, "true")
        || user.HasClaim(Scopes.ClaimType, Scopes.Admin);
}
