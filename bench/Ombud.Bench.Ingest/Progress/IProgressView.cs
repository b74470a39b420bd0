namespace Ombud.Bench.Ingest.Progress;

/// <summary>Where the run tells a person what it is doing, kept apart from the figures it prints at the end.</summary>
internal interface IProgressView
{
    void Note(string line);

    /// <summary>Shows <paramref name="completed"/> against <paramref name="total"/> until <paramref name="work"/> ends.</summary>
    Task<T> TrackAsync<T>(string label, long total, Func<long> completed, Task<T> work);
}
