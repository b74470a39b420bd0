using Ombud.Disputes.Evidence;
using Ombud.Platform.Http;

namespace Ombud.Disputes.Api;

/// <summary>
/// The disputes API under <c>/api/v1</c>, one group per side (<see cref="ShopperEndpoints"/>,
/// <see cref="MerchantEndpoints"/>, <see cref="StaffEndpoints"/>). Endpoints bind, call one method and map its outcome.
/// </summary>
internal static class DisputeEndpoints
{
    public const string Shopper = "/api/v1/shopper/disputes";
    public const string Merchant = "/api/v1/merchant/disputes";
    public const string Staff = "/api/v1/staff/disputes";
    public const string MerchantOrders = "/api/v1/merchant/orders";

    public static void MapDisputeApi(this IEndpointRouteBuilder app)
    {
        app.MapShopperDisputes();
        app.MapMerchantDisputes();
        app.MapStaffDisputes();
    }

    public static string BaseOf(DisputeParty party) => party switch
    {
        DisputeParty.Shopper => Shopper,
        DisputeParty.Merchant => Merchant,
        _ => Staff,
    };

    /// <summary>Where a moved dispute can be read again by the same side.</summary>
    public static Func<DisputeStatus, string> Location(DisputeParty party) => d => $"{BaseOf(party)}/{d.Id}";

    /// <summary>An evidence file as a download: its detected type, never sniffed again by the browser, never rendered inline.</summary>
    public static IResult Download(EvidenceFile file, HttpContext http)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.StoredName);
    }

    /// <summary>Common OpenAPI facts of a group: problems any endpoint of it may answer.</summary>
    public static RouteGroupBuilder Described(this RouteGroupBuilder group) => group
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Upload endpoints take multipart bodies up to every file at its limit. The framework's automatic form check is off
    /// because an API key is no ambient credential and needs no token; a call that rides on the sign-in cookie must
    /// carry the antiforgery token of one of the site's pages (header <c>RequestVerificationToken</c>), so no other
    /// site's form can upload in a shopper's or merchant's name (see docs/disputes.md).
    /// </summary>
    public static RouteHandlerBuilder TakesFiles(this RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(new UploadSizeLimit())
        .DisableAntiforgery()
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var withKey = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (!withKey && !await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(http))
            {
                return Problems.Status(StatusCodes.Status400BadRequest, "Antiforgery token missing or invalid.",
                    "A file sent with the sign-in cookie needs the antiforgery token of one of this site's pages, in the RequestVerificationToken header.");
            }

            return await next(context);
        })
        .Accepts<IFormFileCollection>("multipart/form-data")
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Read by routing (Kestrel's limit) and by Platform's BodySizeLimit for this endpoint alone.</summary>
    private sealed class UploadSizeLimit : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => EvidenceUploads.MaxRequestBytes;
    }
}
