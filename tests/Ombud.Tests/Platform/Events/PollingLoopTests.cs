using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform.Events;

/// <summary>
/// A background loop runs a pass at start, a pass on each wake by this node's commits (claiming without looking), and a
/// looking pass each time the poll interval passes on the injected clock; a wake that follows a poll is still heard.
/// </summary>
public sealed class PollingLoopTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Passes_run_at_start_on_each_wake_and_each_poll_of_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var commits = new CommitSignal();
        using var loop = new CountingLoop(commits, clock);
        await loop.StartAsync(default);

        Assert.False(await loop.NextPassAsync()); // at start: whatever fell due while the node was down, looked for
        commits.Raise([typeof(CountingLoop)]);
        Assert.True(await loop.NextPassAsync()); // a commit of its kind: claimed at once
        commits.Raise([typeof(string)]);
        await SettleAsync();
        clock.Advance(Poll - TimeSpan.FromMilliseconds(1));
        await SettleAsync();
        Assert.False(loop.HasPass); // another kind's commit and a clock short of the interval start nothing

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(await loop.NextPassAsync()); // the interval passed: a pass that looks first
        await SettleAsync();
        clock.Advance(Poll);
        Assert.False(await loop.NextPassAsync());
        await SettleAsync();
        commits.Raise([typeof(CountingLoop)]);
        Assert.True(await loop.NextPassAsync()); // the wait for a wake the polls beat still hears the next one
        commits.RaiseEverything();
        Assert.True(await loop.NextPassAsync());

        await loop.StopAsync(default);
        Assert.False(loop.HasPass);
    }

    /// <summary>
    /// Real time for the loop to get from the pass it just ran to its next wait, so the fake clock moves under a
    /// wait that has started (a wait started late would only make a pass come later, never one too many).
    /// </summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromMilliseconds(200));

    private sealed class CountingLoop(CommitSignal commits, TimeProvider clock)
        : PollingLoop(typeof(CountingLoop), commits, Options.Create(new EventOptions { PollMilliseconds = (int)Poll.TotalMilliseconds }), clock,
            NullLogger.Instance)
    {
        private readonly Channel<bool> _passes = Channel.CreateUnbounded<bool>();

        public bool HasPass => _passes.Reader.TryPeek(out _);

        protected override string What => "counting loop";

        public async Task<bool> NextPassAsync()
        {
            using var patience = new CancellationTokenSource(Patience);
            return await _passes.Reader.ReadAsync(patience.Token);
        }

        protected override Task RunOnceAsync(bool woken, CancellationToken ct)
        {
            _passes.Writer.TryWrite(woken);
            return Task.CompletedTask;
        }
    }
}
