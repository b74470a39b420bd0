using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;

namespace Ombud.Web;

/// <summary>
/// Base of pages that read the database. A page on an interactive circuit lives for minutes; it gets a unit of work of
/// its own (disposed with the page) instead of sharing one with every other component of the circuit, so two
/// components loading at once never use one DbContext concurrently.
/// </summary>
public abstract class OmbudPage : OwningComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    protected OmbudDb Db => ScopedServices.GetRequiredService<OmbudDb>();

    protected TimeProvider Clock => ScopedServices.GetRequiredService<TimeProvider>();

    /// <summary>A service of the page's own scope, e.g. a module's use-case class.</summary>
    protected T Service<T>()
        where T : notnull => ScopedServices.GetRequiredService<T>();

    /// <summary>Cancelled when the page goes away (navigation, closed tab), so its queries stop too.</summary>
    protected CancellationToken PageClosed => _closed.Token;

    private readonly CancellationTokenSource _closed = new();

    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    /// <summary>Who is looking, with the customer or merchant they act for (<see cref="Caller"/>).</summary>
    protected async Task<Caller> CallerAsync() =>
        Caller.Of(await UserAsync())
        ?? throw new InvalidOperationException("A page that reads data was rendered for a user without an id; its authorisation is missing.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closed.Cancel();
            _closed.Dispose();
        }

        base.Dispose(disposing);
    }
}
