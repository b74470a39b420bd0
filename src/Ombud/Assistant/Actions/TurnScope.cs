namespace Ombud.Assistant.Actions;

/// <summary>
/// Hands <see cref="DisputeActions"/> the turn's own scope instead of a new one, so an action works on the turn's
/// <c>OmbudDb</c> inside the turn's unit of work and commits with it. On SQLite an action in a scope of its own would
/// wait for the write lock the open turn holds. This goes once DisputeActions joins the unit of work itself.
/// </summary>
internal sealed class TurnScope(IServiceProvider services) : IServiceScopeFactory
{
    public IServiceScope CreateScope() => new Joined(services);

    private sealed class Joined(IServiceProvider services) : IServiceScope, IAsyncDisposable
    {
        public IServiceProvider ServiceProvider => services;

        // The turn's scope is disposed by whoever created it.
        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
