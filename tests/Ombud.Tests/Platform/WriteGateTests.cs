using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform;

/// <summary>
/// SQLite's one writer: requests and the node's background work take turns when both wait, so a burst of requests
/// cannot hold the dispatcher's work back behind all of them, nor the other way round.
/// </summary>
public sealed class WriteGateTests
{
    [Fact]
    public async Task Requests_and_background_work_take_turns_at_the_writer_each_lane_in_its_order()
    {
        var gate = new WriteGate(new DatabaseOptions { Provider = "sqlite" });
        var order = new List<string>();
        var holder = await gate.EnterAsync(default);
        var waiting = new List<Task>();
        foreach (var (name, lane) in new[]
                 {
                     ("request 1", WriteLane.Requests), ("request 2", WriteLane.Requests), ("request 3", WriteLane.Requests),
                     ("background 1", WriteLane.Background), ("background 2", WriteLane.Background),
                 })
        {
            waiting.Add(WriteAsync(gate, lane, name, order));
        }

        holder.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal(["background 1", "request 1", "background 2", "request 2", "request 3"], order);
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_is_passed_over_and_never_holds_the_gate()
    {
        var gate = new WriteGate(new DatabaseOptions { Provider = "sqlite" });
        var order = new List<string>();
        var holder = await gate.EnterAsync(default);
        using var patience = new CancellationTokenSource();
        var givingUp = gate.EnterAsync(WriteLane.Background, patience.Token).AsTask();
        var next = WriteAsync(gate, WriteLane.Requests, "request", order);

        await patience.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givingUp);
        holder.Dispose();
        await next;
        using var after = await gate.EnterAsync(WriteLane.Background, default);

        Assert.Equal(["request"], order);
    }

    [Fact]
    public async Task On_postgres_the_gate_stays_open()
    {
        var gate = new WriteGate(new DatabaseOptions { Provider = "postgres" });

        using var first = await gate.EnterAsync(default);
        using var second = await gate.EnterAsync(WriteLane.Background, default);

        Assert.NotNull(second);
    }

    private static async Task WriteAsync(WriteGate gate, WriteLane lane, string name, List<string> order)
    {
        var entering = gate.EnterAsync(lane, default);
        using var writing = await entering;
        lock (order)
        {
            order.Add(name);
        }
    }
}
