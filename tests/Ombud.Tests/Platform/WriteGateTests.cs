using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform;

/// <summary>
/// SQLite's one writer: requests and the node's background work take turns when both wait, so a burst of requests
/// cannot hold the dispatcher's work back behind all of them, nor the other way round; agents answering one after
/// another cannot hold requests back either, though an agent's answer comes first in each round; a full requests' lane
/// turns away what may be turned away, at once and before it began.
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
    public async Task The_three_lanes_take_turns_and_an_agents_answer_comes_before_a_request_in_each_round()
    {
        var gate = new WriteGate(new DatabaseOptions { Provider = "sqlite" });
        var order = new List<string>();
        var holder = await gate.EnterAsync(default);
        var waiting = new List<Task>();
        foreach (var (name, lane) in new[]
                 {
                     ("request 1", WriteLane.Requests), ("request 2", WriteLane.Requests),
                     ("background 1", WriteLane.Background), ("background 2", WriteLane.Background),
                     ("agent 1", WriteLane.Agents), ("agent 2", WriteLane.Agents),
                 })
        {
            waiting.Add(WriteAsync(gate, lane, name, order));
        }

        holder.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal(["background 1", "agent 1", "request 1", "background 2", "agent 2", "request 2"], order);
    }

    [Fact]
    public async Task Agents_answering_one_after_another_let_a_request_in_after_each_of_them()
    {
        var gate = new WriteGate(new DatabaseOptions { Provider = "sqlite" });
        var order = new List<string>();
        var holder = await gate.EnterAsync(WriteLane.Agents, default);
        var waiting = new List<Task>();
        foreach (var (name, lane) in new[]
                 {
                     ("agent 1", WriteLane.Agents), ("agent 2", WriteLane.Agents), ("agent 3", WriteLane.Agents),
                     ("request 1", WriteLane.Requests), ("request 2", WriteLane.Requests),
                 })
        {
            waiting.Add(WriteAsync(gate, lane, name, order));
        }

        holder.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal(["request 1", "agent 1", "request 2", "agent 2", "agent 3"], order);
    }

    [Fact]
    public async Task A_full_requests_lane_turns_away_what_may_be_turned_away_and_nothing_else()
    {
        var gate = new WriteGate(new DatabaseOptions { Provider = "sqlite", MaxWaitingRequests = 2 });
        var order = new List<string>();
        var holder = await gate.EnterAsync(WriteLane.Background, default);
        using var patience = new CancellationTokenSource();
        var first = gate.EnterAsync(Shopper, patience.Token).AsTask();
        var second = WriteAsync(gate, Shopper, "shopper 2", order);

        var full = await Assert.ThrowsAsync<WriteGateFullException>(() => gate.EnterAsync(Shopper, default).AsTask());
        // One that gives up leaves room for the next.
        await patience.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var third = WriteAsync(gate, Shopper, "shopper 3", order);
        // A page's circuit, an agent and background work wait, however full the lane.
        var page = WriteAsync(gate, new WriteTurn { Lane = WriteLane.Requests }, "page", order);
        var agent = WriteAsync(gate, new WriteTurn { Lane = WriteLane.Agents }, "agent", order);
        var background = WriteAsync(gate, new WriteTurn { Lane = WriteLane.Background }, "background", order);
        holder.Dispose();
        await Task.WhenAll(second, third, page, agent, background);

        Assert.Contains("2 writes are already waiting", full.Message, StringComparison.Ordinal);
        Assert.Equal(["agent", "shopper 2", "background", "shopper 3", "page"], order);
    }

    [Fact]
    public async Task Without_a_bound_every_request_waits_its_turn()
    {
        var gate = new WriteGate(new DatabaseOptions { Provider = "sqlite", MaxWaitingRequests = 0 });
        var order = new List<string>();
        var holder = await gate.EnterAsync(default);
        var waiting = Enumerable.Range(1, 50).Select(i => WriteAsync(gate, Shopper, $"shopper {i}", order)).ToList();

        holder.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"shopper {i}"), order);
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
        var gate = new WriteGate(new DatabaseOptions { Provider = "postgres", MaxWaitingRequests = 1 });

        using var first = await gate.EnterAsync(default);
        using var second = await gate.EnterAsync(WriteLane.Background, default);
        using var third = await gate.EnterAsync(Shopper, default);

        Assert.NotNull(third);
    }

    /// <summary>A shopper's HTTP request: told "busy" when too many wait.</summary>
    private static WriteTurn Shopper => new() { Lane = WriteLane.Requests, MayBeTurnedAway = true };

    private static Task WriteAsync(WriteGate gate, WriteLane lane, string name, List<string> order) =>
        WriteAsync(gate, new WriteTurn { Lane = lane }, name, order);

    private static async Task WriteAsync(WriteGate gate, WriteTurn turn, string name, List<string> order)
    {
        var entering = gate.EnterAsync(turn, default);
        using var writing = await entering;
        lock (order)
        {
            order.Add(name);
        }
    }
}
