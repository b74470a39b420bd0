using Ombud.Marketplace.Dispatch;

namespace Ombud.Marketplace.Simulation;

/// <summary>
/// A discrete-event simulation of the marketplace queue through the real <see cref="DispatchRules"/> on a simulated
/// clock: hand-offs arrive (Poisson), are offered to the best fitting free agent (simulated agents accept at once),
/// wait in the queue otherwise, are looked at again when their criteria widen, and go to the agent who frees up
/// next if they fit; handling is exponential, scaled by the agent's level in the skill. Arrivals stop after the
/// minutes asked for and the queue is then served to the end; the first tenth of the run is a warm-up, not counted.
/// </summary>
internal sealed class DispatchSimulation(SimulationSettings settings)
{
    private static readonly DateTimeOffset Opening = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(settings.Seed);
    private readonly SimulatedClock _clock = new(Opening);
    private readonly PriorityQueue<Happening, (double At, long Order)> _agenda = new();
    private readonly Dictionary<Guid, Waiting> _waiting = [];
    private readonly Tally _tally = new();
    private long _order;

    public SimulationResult Run(Action<double>? progress = null)
    {
        var rules = new DispatchRules(new MarketplaceOptions(), _clock);
        var agents = SimulatedCentre.Agents(settings.Agents, settings.Skills, Opening.UtcDateTime).ToArray();
        var index = agents.Select((a, i) => (a.Id, i)).ToDictionary(p => p.Id, p => p.i);
        Schedule(Exponential(60 / settings.ArrivalsPerMinute), new Happening(Kind.Arrival));
        var reported = -1;
        while (_agenda.TryDequeue(out var happening, out var when))
        {
            _clock.MoveTo(when.At);
            if (progress is not null && (int)(100 * Math.Min(1, when.At / settings.EndSeconds)) is var percent && percent > reported)
            {
                progress((reported = percent) / 100.0);
            }

            switch (happening.Kind)
            {
                case Kind.Arrival:
                    Arrive(rules, agents, index);
                    break;
                case Kind.Finish:
                    Finish(rules, agents, happening.Agent);
                    break;
                case Kind.Review when _waiting.TryGetValue(happening.Request, out var waiting):
                    if (rules.Best(waiting.Request, agents) is { } best)
                    {
                        Start(agents, index[best.Id], happening.Request);
                    }
                    else
                    {
                        ScheduleReview(rules, waiting.Request);
                    }

                    break;
                case Kind.Abandon when _waiting.Remove(happening.Request, out var left):
                    _tally.Abandoned += left.Measured ? 1 : 0;
                    break;
            }
        }

        return _tally.Result(settings);
    }

    private void Arrive(DispatchRules rules, DispatchAgent[] agents, Dictionary<Guid, int> index)
    {
        var now = _clock.Seconds;
        var next = now + Exponential(60 / settings.ArrivalsPerMinute);
        if (next < settings.EndSeconds)
        {
            Schedule(next, new Happening(Kind.Arrival));
        }

        var request = new DispatchRequest(NewId(), NewId(), SimulatedCentre.Need(settings.Skills, _random), "en", HandOffUrgency.None,
            _clock.At(now), new HashSet<Guid>());
        var measured = now >= settings.WarmUpSeconds;
        _tally.Offered += measured ? 1 : 0;
        _waiting[request.Id] = new Waiting(request, now, measured);
        int? chosen = settings.Dispatch == DispatchMode.Random
            ? RandomFree(agents)
            : rules.Best(request, agents) is { } best ? index[best.Id] : null;
        if (chosen is { } agent)
        {
            Start(agents, agent, request.Id);
            return;
        }

        if (settings.PatienceSeconds is { } patience)
        {
            Schedule(now + Exponential(patience), new Happening(Kind.Abandon, Request: request.Id));
        }

        if (settings.Dispatch == DispatchMode.Skills)
        {
            ScheduleReview(rules, request);
        }
    }

    private void Finish(DispatchRules rules, DispatchAgent[] agents, int agent)
    {
        agents[agent] = agents[agent] with { FreeCapacity = agents[agent].FreeCapacity + 1, IdleSince = _clock.At(_clock.Seconds) };
        var next = settings.Dispatch == DispatchMode.Random
            ? _waiting.Values.MinBy(w => w.ArrivedAt)?.Request
            : rules.NextFor(agents[agent], _waiting.Values.Select(w => w.Request), agents);
        if (next is not null)
        {
            Start(agents, agent, next.Id);
        }
    }

    private void Start(DispatchAgent[] agents, int agent, Guid requestId)
    {
        _waiting.Remove(requestId, out var waiting);
        var now = _clock.Seconds;
        var handling = Exponential(settings.HandlingSeconds * SimulatedCentre.HandlingFactor(agents[agent].Skills.GetValueOrDefault(waiting!.Request.Skill)));
        agents[agent] = agents[agent] with { FreeCapacity = agents[agent].FreeCapacity - 1 };
        Schedule(now + handling, new Happening(Kind.Finish, Agent: agent));
        _tally.Busy(now, now + handling, settings);
        if (waiting.Measured)
        {
            _tally.Answer(now - waiting.ArrivedAt);
        }
    }

    private int? RandomFree(DispatchAgent[] agents)
    {
        var free = Enumerable.Range(0, agents.Length).Where(i => agents[i].FreeCapacity > 0).ToList();
        return free.Count == 0 ? null : free[_random.Next(free.Count)];
    }

    private void ScheduleReview(DispatchRules rules, DispatchRequest request)
    {
        // A microsecond after the widening: the clock's ticks round, and a review a hair early would find the old stage.
        if (rules.NextWidening(request) is { } widening && (widening - Opening.UtcDateTime).TotalSeconds + 1e-6 is var at && at > _clock.Seconds)
        {
            Schedule(at, new Happening(Kind.Review, Request: request.Id));
        }
    }

    private void Schedule(double at, Happening happening) => _agenda.Enqueue(happening, (at, _order++));

    private double Exponential(double mean) => -Math.Log(1 - _random.NextDouble()) * mean;

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private enum Kind
    {
        Arrival,
        Finish,
        Review,
        Abandon,
    }

    private sealed record Happening(Kind Kind, int Agent = -1, Guid Request = default);

    private sealed record Waiting(DispatchRequest Request, double ArrivedAt, bool Measured);

    /// <summary>What is counted over the hand-offs that arrived after the warm-up.</summary>
    private sealed class Tally
    {
        private double _waitSum;
        private double _busySeconds;

        public long Offered { get; set; }

        public long Abandoned { get; set; }

        private long Answered { get; set; }

        private long AnsweredInTime { get; set; }

        public void Answer(double wait)
        {
            Answered++;
            _waitSum += wait;
            AnsweredInTime += wait <= SimulationSettings.ServiceLevelSeconds ? 1 : 0;
        }

        /// <summary>Agent time spent handling, within the measured window (warm-up to the last arrival).</summary>
        public void Busy(double from, double to, SimulationSettings settings) =>
            _busySeconds += Math.Max(0, Math.Min(to, settings.EndSeconds) - Math.Max(from, settings.WarmUpSeconds));

        public SimulationResult Result(SimulationSettings settings) => new(
            settings,
            Offered,
            Answered,
            Abandoned,
            Offered == 0 ? 0 : AnsweredInTime / (double)Offered,
            Answered == 0 ? 0 : _waitSum / Answered,
            Offered == 0 ? 0 : Abandoned / (double)Offered,
            _busySeconds / (settings.Agents * (settings.EndSeconds - settings.WarmUpSeconds)),
            ErlangC.For(settings.ArrivalsPerMinute / 60, settings.HandlingSeconds, settings.Agents));
    }
}
