using Ombud.Platform.Storage;

namespace Ombud.Web.Admin;

/// <summary>
/// A module's counts for the admin overview ("Orders: 12,000"), registered by the module with
/// <see cref="AdminCountsSetup.AddAdminCounts{T}"/> so the shell shows them without naming the module.
/// </summary>
internal interface IAdminCounts
{
    /// <summary>Counts on the page's own <paramref name="db"/>: a long-lived circuit holds no context of its own.</summary>
    Task<IReadOnlyList<EntityCount>> CountAsync(OmbudDb db, CancellationToken ct);
}

internal static class AdminCountsSetup
{
    public static IServiceCollection AddAdminCounts<T>(this IServiceCollection services) where T : class, IAdminCounts =>
        services.AddSingleton<IAdminCounts, T>();
}
