using Microsoft.AspNetCore.Identity;
using Ombud.Platform.Auth;
using Ombud.Platform.Events;
using Ombud.Platform.Http;

namespace Ombud.Platform.Privacy;

/// <summary>
/// Data rights over HTTP: an admin (role or key) exports or erases any customer; a signed-in shopper downloads their
/// own data, never anyone else's (the customer comes from the sign-in, not the request).
/// </summary>
internal static class PrivacyApi
{
    public const string Admin = "/api/v1/admin/customers";
    public const string ShopperExport = "/api/v1/shopper/data-export";
    private const string ZipType = "application/zip";
    private const string ShopperPolicy = "privacy:shopper";

    public static void AddPrivacyPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(ShopperPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.Shopper));

    public static void MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Admin).RequireAuthorization(Policies.Admin).WithTags("Privacy")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/{id:guid}/export", (Guid id, Caller caller, CustomerExport export, CancellationToken ct) => ArchiveAsync(id, caller, export, ct))
            .Produces(StatusCodes.Status200OK, contentType: ZipType)
            .WithSummary("All of one customer's data as a zip: customer.json and files/. Audited.");
        admin.MapPost("/{id:guid}/erasure", async (Guid id, Caller caller, CustomerErasure erasure, CancellationToken ct) =>
                (await erasure.EraseAsync(id, caller.Actor, ct)).ToResult(erased => TypedResults.Ok(erased)))
            .Produces<CustomerErased>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Pseudonymise a customer, keeping financial records; refused while a dispute is open or money is owed. Audited.");

        app.MapGet(ShopperExport, async (Caller caller, CustomerExport export, CancellationToken ct) =>
                caller.CustomerId is { } own ? await ArchiveAsync(own, caller, export, ct) : new NotFound("customer", "of this account").ToProblem())
            .RequireAuthorization(ShopperPolicy).WithTags("Privacy")
            .Produces(StatusCodes.Status200OK, contentType: ZipType)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Download my data: the signed-in shopper's own archive. Audited.");
    }

    private static async Task<IResult> ArchiveAsync(Guid customerId, Caller caller, CustomerExport export, CancellationToken ct)
    {
        var archive = new MemoryStream();
        var written = await export.WriteAsync(customerId, caller.Actor, archive, null, ct);
        return written.ToResult(_ => TypedResults.File(archive.ToArray(), ZipType, CustomerExport.FileNameOf(customerId)));
    }
}
