using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Ombud.Disputes.Api;
using Ombud.Platform;
using Ombud.Platform.Storage;
using Ombud.Web;

namespace Ombud.Disputes.Pages;

/// <summary>
/// Base of the dispute pages: who is looking, and one way to take a step. A step runs the product's own
/// <see cref="DisputeService"/> use case as a <see cref="UnitOfWork"/>, shows a refusal as a message rather than an
/// exception, and reads the page again afterwards, so what is shown is what was saved.
/// </summary>
public abstract class DisputePage : OmbudPage
{
    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    /// <summary>Set once the page knows who is looking; null for a user tied to no customer or merchant.</summary>
    internal DisputeViewer? Viewer { get; private set; }

    /// <summary>Why the last step was refused, in plain words; null when it was not.</summary>
    protected string? Problem { get; set; }

    /// <summary>What the last step did, to confirm it.</summary>
    protected string? Notice { get; set; }

    /// <summary>
    /// True while a step runs, so a double click is one step, and until the page is live: a click on the prerendered
    /// page reaches no server and would be lost without a word.
    /// </summary>
    protected bool Busy => _stepRunning || !RendererInfo.IsInteractive;

    private bool _stepRunning;

    protected bool Loaded { get; private set; }

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    internal abstract DisputeAudience Audience { get; }

    private Guid? _viewed;

    /// <summary>Reads what the page shows. Returns false when there is nothing the viewer may see: the not-found page follows.</summary>
    protected abstract Task<bool> LoadAsync(CancellationToken ct);

    /// <summary>How often a live page reads its dispute again, so a step taken elsewhere shows without a reload.</summary>
    internal static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(10);

    /// <summary>
    /// One reader of the page's unit of work at a time: a step, a load and a follow-up read all use the page's one
    /// DbContext, and the renderer interleaves them at every await. Not disposed with the page: a step still running
    /// when the page closes releases it afterwards, and a semaphore never asked for its wait handle holds nothing.
    /// </summary>
    private readonly SemaphoreSlim _reading = new(1, 1);

    protected override async Task OnParametersSetAsync()
    {
        Viewer = DisputeViewer.Of(await UserAsync(), Audience);
        await _reading.WaitAsync(PageClosed);
        try
        {
            if (Viewer is not null && !await LoadAsync(PageClosed))
            {
                Navigation.NotFound();
                return;
            }
        }
        finally
        {
            _reading.Release();
        }

        Loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = FollowAsync();
        }
    }

    /// <summary>
    /// Reads the page again every <see cref="FollowEvery"/> while it is open: the other party's step, a timer's or
    /// staff's shows by itself. Skipped while the viewer is being asked to confirm or a step runs, so nothing they are
    /// deciding on changes under them.
    /// </summary>
    private Task FollowAsync() => LiveRefresh.EveryAsync(FollowEvery, Clock, () => InvokeAsync(RefreshAsync), PageClosed);

    private async Task RefreshAsync()
    {
        if (!Loaded || Viewer is null || _stepRunning || Asking is not null || PageClosed.IsCancellationRequested || !_reading.Wait(0))
        {
            return;
        }

        try
        {
            Db.ChangeTracker.Clear();
            if (await LoadAsync(PageClosed))
            {
                StateHasChanged();
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Takes one step on a dispute as the viewer: the dispute as saved, or null when the step was refused.</summary>
    internal async Task<Dispute?> StepAsync(Func<DisputeService, string, CancellationToken, Task<Outcome<Dispute>>> step, string done)
    {
        if (_stepRunning || Viewer is null)
        {
            return null;
        }

        _stepRunning = true;
        (Problem, Notice) = (null, null);
        await _reading.WaitAsync(PageClosed);
        try
        {
            // The page's unit of work lives as long as the page: forget what an earlier step loaded, so this one
            // starts from what is saved now.
            Db.ChangeTracker.Clear();
            Outcome<Dispute> outcome;
            try
            {
                outcome = await Service<UnitOfWork>().RunAsync(ct => step(Service<DisputeService>(), Viewer.Actor, ct), PageClosed, "The dispute");
            }
            catch (DbUpdateConcurrencyException)
            {
                // A payment or another step changed the plan at every try; nothing of this step was saved.
                outcome = new Conflict("The order changed at the same moment, so nothing was saved. Please try again.");
            }

            Db.ChangeTracker.Clear();
            if (outcome.Succeeded)
            {
                Notice = done;
            }
            else
            {
                Problem = DisputeWords.Problem(outcome.Error!);
            }

            await LoadAsync(PageClosed);
            return outcome.Value;
        }
        finally
        {
            _reading.Release();
            _stepRunning = false;
        }
    }

    /// <summary>
    /// Audits that the viewer read a dispute and its evidence: the issue asks for every read, not only every change.
    /// One entry per visit of a page, <c>dispute.evidence-viewed</c> as the API writes for a read of the dispute,
    /// noted "on the page"; re-reads after a step are the same visit. Only the live page records it, so the
    /// prerendered first response and the live page are one read, not two. Downloads are audited by the file endpoint.
    /// </summary>
    internal async Task RecordViewAsync(DisputeCase c)
    {
        if (Viewer is null || !RendererInfo.IsInteractive || _viewed == c.Dispute.Id)
        {
            return;
        }

        _viewed = c.Dispute.Id;
        await Service<PartyDisputes>().RecordPageViewAsync(await UserAsync(), Viewer.Party, c.Dispute.Id, c.Files.Count, PageClosed);
    }

    /// <summary>The step the page is asking about, shown by <c>ConfirmStep</c>; null when it asks nothing.</summary>
    internal Confirmation? Asking { get; set; }

    /// <summary>Asks before <paramref name="step"/>: nothing happens until the viewer says yes.</summary>
    internal void Ask(string title, IReadOnlyList<string> summary, string yes, Func<Task> step) =>
        (Asking, Problem, Notice) = (new Confirmation(title, summary, yes, step), null, null);

    /// <summary>The viewer said yes: the dialog closes and the step runs.</summary>
    internal async Task ConfirmedAsync()
    {
        if (Asking is { } asked)
        {
            Asking = null;
            await asked.Step();
        }
    }

    internal void Declined() => Asking = null;

    protected void GoTo(string path) => Navigation.NavigateTo(path);

    /// <summary>An order as the pages name it: the store's own reference, else the start of Ombud's id.</summary>
    protected static string OrderName(Commerce.Order order) => order.ExternalId ?? order.Id.ToString()[..8];

    /// <summary>An optional note as the use case wants it: null when nothing was written.</summary>
    protected static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
