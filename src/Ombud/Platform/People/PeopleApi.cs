using Ombud.Platform.Auth;
using Ombud.Platform.Http;

namespace Ombud.Platform.People;

/// <summary><c>/api/v1/admin/users</c>: an admin (person or admin key) lists and invites people, sets their roles, locks and unlocks them.</summary>
internal static class PeopleApi
{
    public static void MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminGroup("/api/v1/admin/users");

        api.MapGet("/", async (string? q, string? cursor, int? limit, PeopleDirectory people, CancellationToken ct) =>
                (await people.PageAsync(q, cursor, limit, ct)).ToResult(TypedResults.Ok))
            .Produces<Page<PersonSummary>>().ProducesValidationProblem()
            .WithSummary("People by e-mail, a page at a time: roles, status (invited, active, locked) and last sign-in; q searches e-mail and name.");
        api.MapPost("/", async (Invitation body, HttpRequest request, Caller caller, Invitations invitations, CancellationToken ct) =>
                (await invitations.InviteAsync(caller.Actor, body, Site(request), ct)).ToResult(invited => TypedResults.Created(
                    $"/api/v1/admin/users/{invited.Person.Id}", Absolute(invited, request))))
            .Produces<InvitedPerson>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Invite a person with staff roles. With an SMTP server the one-time set-password link is e-mailed to them (emailed: true, "
                + "no link in the answer); without one the answer holds the link, once. 409 if the e-mail has an account.");
        api.MapPost("/{id}/invitation", async (string id, HttpRequest request, Caller caller, Invitations invitations, CancellationToken ct) =>
                (await invitations.ReissueAsync(caller.Actor, id, Site(request), ct)).ToResult(invited => TypedResults.Ok(Absolute(invited, request))))
            .Produces<InvitedPerson>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Issue an expired or lost invitation again: a new link, e-mailed or answered as on inviting, and every earlier link stops working. "
                + "409 once the person has set a password, or while their access is revoked.");
        api.MapPut("/{id}/roles", async (string id, RoleChange body, Caller caller, AccessChanges access, CancellationToken ct) =>
                (await access.SetRolesAsync(caller, id, body, ct)).ToResult(TypedResults.Ok))
            .Produces<PersonSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Set a person's staff roles (a shopper's own role stays). 409 for your own admin role or the last admin. Takes effect at their next request.");
        api.MapPost("/{id}/lock", async (string id, Caller caller, AccessChanges access, CancellationToken ct) =>
                (await access.LockAsync(caller, id, ct)).ToResult(TypedResults.Ok))
            .Produces<PersonSummary>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Revoke a person's access: no sign-in, and an open session is refused at its next request. 409 for yourself or the last admin.");
        api.MapPost("/{id}/unlock", async (string id, Caller caller, AccessChanges access, CancellationToken ct) =>
                (await access.UnlockAsync(caller, id, ct)).ToResult(TypedResults.Ok))
            .Produces<PersonSummary>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Restore a locked person's access.");
    }

    /// <summary>The address the caller reached Ombud on, for an e-mailed link when no <c>Ombud:Mail:AppUrl</c> is set.</summary>
    private static string Site(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static InvitedPerson Absolute(InvitedPerson invited, HttpRequest request) =>
        invited.Link is null ? invited : invited with { Link = Site(request) + invited.Link };
}
