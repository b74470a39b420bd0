namespace Ombud.Marketplace.Simulation;

/// <summary>The simulation's clock: dispatch reads the time from it as it reads the real one; the simulation moves it.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Start { get; } = start;

    public double Seconds { get; private set; }

    public void MoveTo(double seconds) => Seconds = seconds;

    public DateTime At(double seconds) => Start.UtcDateTime.AddSeconds(seconds);

    public override DateTimeOffset GetUtcNow() => Start.AddSeconds(Seconds);
}
