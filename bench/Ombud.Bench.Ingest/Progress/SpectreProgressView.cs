using System.Diagnostics;
using Spectre.Console;

namespace Ombud.Bench.Ingest.Progress;

/// <summary>A live bar for a person watching a terminal; the rate rides in the description because it changes.</summary>
internal sealed class SpectreProgressView(IAnsiConsole console) : IProgressView
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    public void Note(string line) => console.WriteLine(line);

    public Task<T> TrackAsync<T>(string label, long total, Func<long> completed, Task<T> work)
    {
        var display = console.Progress();
        display.AutoClear = false;
        display.HideCompleted = false;
        display.RefreshRate = RefreshInterval;
        return display
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
                var started = Stopwatch.GetTimestamp();
                while (!work.IsCompleted)
                {
                    await Task.WhenAny(work, Task.Delay(RefreshInterval));
                    Update(task, label, completed(), started);
                }

                Update(task, label, completed(), started);
                task.StopTask();
                return await work;
            });
    }

    private static void Update(ProgressTask task, string label, long done, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var rate = seconds > 0 ? done / seconds : 0;
        task.Value = done;
        task.Description = Markup.Escape($"{label,-9} {done,9:N0} {rate,7:N0}/s");
    }
}
