namespace Ombud.Bench.Ingest.Load;

/// <summary>
/// One batch of POSTs: <see cref="Count"/> requests numbered from <see cref="FirstSequence"/>, spread over
/// <see cref="Workers"/> workers. <see cref="KeepBodies"/> is for phases that need the created ids back.
/// <see cref="Retries"/> is zero for measured phases: there a failure is a figure, not something to hide.
/// </summary>
internal sealed record PhasePlan(string Label, long FirstSequence, long Count, int Workers, bool KeepBodies, int Retries);
