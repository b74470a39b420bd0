using System.CommandLine;

namespace Ombud.Commerce.DemoWorld;

internal static class DemoWorldVerbs
{
    public static Command Seed() => new("seed", "Build a deterministic demo world.");
}

internal static class DemoWorldStartup
{
    public static Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
