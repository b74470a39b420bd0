namespace Ombud.Platform.Http;

/// <summary>
/// What a failed request is answered with. A person's browser asking for a page (GET, accepts HTML, not an API or
/// framework path) gets a page: an address with nothing behind it the shell's not-found page, with the menu and a way
/// back; an unhandled error its error page with the trace id. API clients and everything else keep RFC 9457 problem
/// details. The two pages are the web shell's (Web/Pages/NotFound.razor, Error.razor).
/// </summary>
internal static class PageErrors
{
    public const string NotFoundPath = "/not-found";
    public const string ErrorPath = "/error";

    private static readonly string[] MachinePaths = ["/api", "/hubs", "/_blazor", "/_framework", "/_content", "/health", "/openapi", "/scalar"];

    public static void UsePageErrors(this WebApplication app)
    {
        app.UseWhen(IsPageRequest, pages =>
        {
            // A fresh scope for the page, as the framework advises for Blazor: the failed request's may be broken.
            pages.UseExceptionHandler(ErrorPath, createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        });
        app.UseWhen(http => !IsPageRequest(http), others =>
        {
            others.UseExceptionHandler();
            others.UseStatusCodePages();
        });
    }

    /// <summary>Whether a person's browser asked for a page: a re-executed GET renders the page, any other method would not.</summary>
    public static bool IsPageRequest(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && !MachinePaths.Any(prefix => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
        && http.Request.GetTypedHeaders().Accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
