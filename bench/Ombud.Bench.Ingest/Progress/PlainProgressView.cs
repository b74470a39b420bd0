using System.Diagnostics;

namespace Ombud.Bench.Ingest.Progress;

/// <summary>
/// One line per tenth of a phase, for logs and CI where redrawing a bar would leave a screenful of escape codes.
/// </summary>
internal sealed class PlainProgressView(TextWriter writer) : IProgressView
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public void Note(string line) => writer.WriteLine(line);

    public async Task<T> TrackAsync<T>(string label, long total, Func<long> completed, Task<T> work)
    {
        var started = Stopwatch.GetTimestamp();
        var reportedTenths = 0L;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(PollInterval));
            var done = completed();
            var tenths = total == 0 ? 10 : done * 10 / total;
            // Only the latest tenth crossed is printed, so a fast phase does not print a burst of stale lines.
            if (tenths > reportedTenths && tenths < 10)
            {
                reportedTenths = tenths;
                Write(label, done, total, started, $"{tenths * 10}%");
            }
        }

        var final = completed();
        Write(label, final, total, started, final >= total ? "done" : "stopped");
        return await work;
    }

    private void Write(string label, long done, long total, long started, string state)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var rate = seconds > 0 ? done / seconds : 0;
        writer.WriteLine($"{label + ":",-11}{state,-8}{done,8:N0} / {total,-8:N0}{seconds,7:F1} s {rate,9:N0}/s");
    }
}
