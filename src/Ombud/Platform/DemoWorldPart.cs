namespace Ombud.Platform;

/// <summary>
/// A module's share of the demo world, planted through its own use cases once the world's customers and orders are
/// written: at a demo node's first start only, under the start-up lock, so of several nodes starting together exactly
/// one plants. Commerce's demo world calls every registered part without naming its module.
/// </summary>
public interface IDemoWorldPart
{
    /// <summary>Plants this part; returns a line for the start-up log (what was planted).</summary>
    Task<string> PlantAsync(IServiceProvider services, CancellationToken ct);
}
