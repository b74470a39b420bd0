using MudBlazor.Services;
using Ombud.Web.Account;
using Ombud.Web.Layout;

namespace Ombud.Web;

/// <summary>The web shell: Blazor with interactive server rendering, MudBlazor, sign-in and the pages of every module.</summary>
internal static class WebSetup
{
    public static void AddWeb(this WebApplicationBuilder builder)
    {
        // Serve the assets of packages (MudBlazor's CSS and JS) from where the build left them in every environment,
        // not only Development: `dotnet ombud.dll` on a box must look the same as `dotnet run`. A published app has
        // them in wwwroot and no such manifest, and then this does nothing. The manifest is named after ombud.dll,
        // not after the entry assembly, which is the test host's when tests start Ombud in process.
        builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, Manifest("runtime"));
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddScoped<SignInAudit>();
        services.AddSingleton<SignInThrottle>();
        services.AddNavEntry(new("Audit log", "/admin/audit", MudBlazor.Icons.Material.Outlined.ManageSearch, [Platform.Auth.Roles.Admin], 95));
        services.AddNavEntry(new("Customer data", "/admin/customers", MudBlazor.Icons.Material.Outlined.PrivacyTip, [Platform.Auth.Roles.Admin], 90));
        services.AddNavEntry(new("E-mail", "/admin/mail", MudBlazor.Icons.Material.Outlined.Email, [Platform.Auth.Roles.Admin], 96));
    }

    public static void MapWeb(this WebApplication app)
    {
        // Stylesheets, scripts and icons are public: the sign-in page needs them before anyone is signed in.
        app.MapStaticAssets(Manifest("endpoints")).AllowAnonymous();
        app.UseViewer();
        app.MapAccount();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithStaticAssets(Manifest("endpoints"));
    }

    private static string Manifest(string kind) =>
        Path.ChangeExtension(typeof(WebSetup).Assembly.Location, $".staticwebassets.{kind}.json");
}
