using Ombud.Platform.Storage;

namespace Ombud.Web.Admin;

/// <summary>A scope a module offers on the admin's key form beyond the platform's own, e.g. one merchant's <c>merchant:&lt;id&gt;</c>.</summary>
public sealed record KeyScopeChoice(string Scope, string Label);

/// <summary>
/// A module's scopes for new API keys (Commerce: one per merchant), registered with
/// <see cref="KeyScopeChoicesSetup.AddKeyScopeChoices{T}"/> so the admin page lists them without naming the module.
/// </summary>
internal interface IKeyScopeChoices
{
    Task<IReadOnlyList<KeyScopeChoice>> ChoicesAsync(OmbudDb db, CancellationToken ct);
}

internal static class KeyScopeChoicesSetup
{
    public static IServiceCollection AddKeyScopeChoices<T>(this IServiceCollection services) where T : class, IKeyScopeChoices =>
        services.AddSingleton<IKeyScopeChoices, T>();
}
