using Ombud.Platform.Storage;

namespace Ombud.Platform;

/// <summary>
/// Whether this node runs the demo: setting <c>Ombud:Demo</c> (on by default with SQLite, off with PostgreSQL; <c>serve
/// --demo</c> sets it). Demo accounts exist only for demo mode: outside it they cannot sign in by any means, the sign-in
/// page does not list them, and a session one of them opened earlier is refused.
/// </summary>
public sealed record DemoMode(bool IsOn)
{
    public const string Setting = "Ombud:Demo";

    public static DemoMode From(IConfiguration configuration, DatabaseOptions database) =>
        new(configuration.GetValue(Setting, defaultValue: database.IsSqlite));
}
