using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Platform;

/// <summary>
/// The node's clock in demo mode: real time plus an offset an admin moves forward, so store periods, merchant
/// deadlines and regulatory flags can be watched as their timers fire on one laptop. Every timer, event retry and
/// page reads time through this one <see cref="TimeProvider"/>. The offset belongs to this node and lasts until it
/// restarts; it only ever grows.
/// </summary>
public sealed class DemoClock(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    internal void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>Where a node's clock stands: now, and how far ahead of real time.</summary>
public sealed record DemoClockReading(DateTime Now, TimeSpan Ahead);

/// <summary>Moves the demo clock: demo mode only, forward only, at most 90 days a step, audited.</summary>
public sealed class DemoClockControl(DemoMode demo, DemoClock clock, UnitOfWork unitOfWork, AuditLog audit, CommitSignal timers)
{
    public const int MaxHours = 90 * 24;

    public DemoClockReading? Read() => demo.IsOn ? new DemoClockReading(clock.GetUtcNow().UtcDateTime, clock.Offset) : null;

    public async Task<Outcome<DemoClockReading>> AdvanceAsync(string actor, int hours, CancellationToken ct)
    {
        if (!demo.IsOn)
        {
            return new NotFound("demo clock", "this node (it is not in demo mode)");
        }

        if (hours is < 1 or > MaxHours)
        {
            return Invalid.Field("hours", $"Between 1 and {MaxHours} hours (90 days): the clock moves forward only.");
        }

        var from = clock.GetUtcNow().UtcDateTime;
        var moved = await unitOfWork.RunAsync(_ =>
        {
            audit.Record(actor, "demo-clock.advanced", "node", $"hours={hours}; from={from:O}; to={from.AddHours(hours):O}");
            // Moved once the audit entry is kept; then this node's timer loop looks at once, so what fell due fires now.
            unitOfWork.AfterCommit(() =>
            {
                clock.Advance(TimeSpan.FromHours(hours));
                timers.RaiseEverything();
                return Task.CompletedTask;
            });
            return Task.CompletedTask;
        }, ct, "The demo clock");
        return moved.Succeeded ? Read()! : moved.Error!;
    }
}
