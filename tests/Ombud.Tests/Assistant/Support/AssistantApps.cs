using Ombud.Tests.Support;

namespace Ombud.Tests.Assistant.Support;

/// <summary>
/// One running Ombud per provider for the assistant's conversation tests, started on first use. Every test makes a
/// shopper of its own (<see cref="ShopperWorld"/>), so tests share a host without sharing data.
/// </summary>
public sealed class AssistantApps : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly Dictionary<Provider, OmbudTestApp> _apps = [];

    public async Task<OmbudTestApp> GetAsync(Provider provider)
    {
        await _starting.WaitAsync();
        try
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = await OmbudTestApp.StartAsync(provider);
                _apps[provider] = app;
            }

            return app;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }

        _starting.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AssistantCollection : ICollectionFixture<AssistantApps>
{
    public const string Name = "assistant";
}
