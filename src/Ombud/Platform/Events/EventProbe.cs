using Microsoft.Extensions.Options;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Events;

/// <summary>
/// A synthetic subscriber for checking a deployment's event delivery end to end (section <c>Ombud:Events:Probe</c>):
/// it writes one row per event it handles, naming the node, so an operator can count that every event of the
/// chosen types reached it once across all nodes. With <see cref="EventProbeOptions.FailUntil"/> a second subscriber,
/// <c>probe.failing</c>, throws until that time, to see retries, dead letters and replays work.
/// </summary>
public sealed class EventProbe(OmbudDb db, TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "probe";

    public Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new EventProbeRecord(Guid.CreateVersion7(now), message.Id, Subscriber, EventProbeRecord.ThisNode, now));
        return Task.CompletedTask;
    }
}

/// <summary>The probe's failing twin: refuses every event until <see cref="EventProbeOptions.FailUntil"/>, then records it.</summary>
public sealed class FailingEventProbe(OmbudDb db, TimeProvider clock, IOptions<EventProbeOptions> options) : IEventHandler
{
    public const string Subscriber = "probe.failing";

    public Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < options.Value.FailUntil)
        {
            throw new InvalidOperationException($"The failing probe refuses events until {options.Value.FailUntil:O}.");
        }

        db.Add(new EventProbeRecord(Guid.CreateVersion7(now.UtcDateTime), message.Id, Subscriber, EventProbeRecord.ThisNode, now.UtcDateTime));
        return Task.CompletedTask;
    }
}

public sealed class EventProbeOptions
{
    public const string Section = "Ombud:Events:Probe";

    public bool Enabled { get; set; }

    /// <summary>The event types the probe subscribes to.</summary>
    public List<string> EventTypes { get; set; } = [];

    /// <summary>When set, the <c>probe.failing</c> subscriber runs too and fails until this time.</summary>
    public DateTimeOffset? FailUntil { get; set; }
}

/// <summary>One event as the probe saw it; no key on the event, so a second handling would show as a second row.</summary>
public sealed class EventProbeRecord
{
    private EventProbeRecord()
    {
    }

    internal EventProbeRecord(Guid id, Guid eventId, string subscriber, string node, DateTime handledAt)
    {
        Id = id;
        EventId = eventId;
        Subscriber = subscriber;
        Node = node;
        HandledAt = handledAt;
    }

    internal static readonly string ThisNode = $"{Environment.MachineName}:{Environment.ProcessId}";

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public string Subscriber { get; private set; } = "";

    public string Node { get; private set; } = "";

    public DateTime HandledAt { get; private set; }
}
