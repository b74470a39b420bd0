using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform.Events;

/// <summary>
/// A subscriber's read step runs before its delivery's unit of work, with none open and no transaction, and the same
/// handler then handles the event in the unit; a read step that fails costs the delivery nothing. Subscribers whose
/// deliveries share a batch get no read step (their handler is one instance for the whole batch).
/// </summary>
public sealed class WorkPassReadStepTests
{
    private const string Happened = "test.read-step";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_read_step_runs_outside_any_unit_of_work_and_its_handler_gets_what_it_read(Provider provider)
    {
        await using var app = await StartAsync(provider);
        await TestEvents.PublishAsync(app, Happened, 3);

        var alone = await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(AloneReader.Subscriber, default);
        var batched = await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(BatchedReader.Subscriber, default);

        var notes = app.Services.GetRequiredService<ReadNotes>();
        Assert.Equal((3, 3), (alone, batched));
        Assert.Equal(3, notes.Of(AloneReader.Subscriber).Count(n => n == "read outside; handled with it"));
        Assert.Equal(["handled without a read", "handled without a read", "handled without a read"], notes.Of(BatchedReader.Subscriber));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EventDelivery>().CountAsync(d => d.Status != WorkStatus.Done)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_read_step_that_throws_is_skipped_and_its_delivery_handled_all_the_same(Provider provider)
    {
        await using var app = await StartAsync(provider);
        await TestEvents.PublishAsync(app, Happened, 2);
        app.Services.GetRequiredService<ReadNotes>().FailReads = true;

        var handled = await app.Services.GetRequiredService<EventDispatch>().RunOnceAsync(AloneReader.Subscriber, default);

        Assert.Equal(2, handled);
        Assert.Equal(["handled without a read", "handled without a read"], app.Services.GetRequiredService<ReadNotes>().Of(AloneReader.Subscriber));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EventDelivery>().CountAsync(d => d.Subscriber == AloneReader.Subscriber && d.Status != WorkStatus.Done)));
    }

    private static Task<OmbudTestApp> StartAsync(Provider provider) =>
        OmbudTestApp.StartAsync(provider, builder =>
        {
            builder.Services.AddSingleton<ReadNotes>();
            builder.Services.AddEventSubscriber<AloneReader>(AloneReader.Subscriber, WorkCommit.Alone, Happened);
            builder.Services.AddEventSubscriber<BatchedReader>(BatchedReader.Subscriber, Happened);
        }, new Dictionary<string, string?> { ["Ombud:Events:Parallelism"] = "1" });

    /// <summary>What each handler saw, by subscriber.</summary>
    public sealed class ReadNotes
    {
        private readonly List<(string Subscriber, string Note)> _all = [];

        public bool FailReads { get; set; }

        public void Add(string subscriber, string note)
        {
            lock (_all)
            {
                _all.Add((subscriber, note));
            }
        }

        public string[] Of(string subscriber)
        {
            lock (_all)
            {
                return [.. _all.Where(n => n.Subscriber == subscriber).Select(n => n.Note)];
            }
        }
    }

    /// <summary>Notes whether its read step ran outside a unit of work and a transaction, and whether the handling got that read.</summary>
    public abstract class Reader(string subscriber, OmbudDb db, UnitOfWork work, ReadNotes notes) : IEventHandlerWithReadStep
    {
        private (Guid Event, bool Outside)? _read;

        public Task ReadAsync(EventMessage message, CancellationToken ct)
        {
            if (notes.FailReads)
            {
                throw new InvalidOperationException("The read step fails on purpose.");
            }

            _read = (message.Id, !work.IsOpen && db.Database.CurrentTransaction is null);
            return Task.CompletedTask;
        }

        public Task HandleAsync(EventMessage message, CancellationToken ct)
        {
            notes.Add(subscriber, _read is { } read && read.Event == message.Id
                ? (read.Outside ? "read outside; handled with it" : "read inside; handled with it")
                : "handled without a read");
            return Task.CompletedTask;
        }
    }

    public sealed class AloneReader(OmbudDb db, UnitOfWork work, ReadNotes notes) : Reader(Subscriber, db, work, notes)
    {
        public const string Subscriber = "test.alone-reader";
    }

    public sealed class BatchedReader(OmbudDb db, UnitOfWork work, ReadNotes notes) : Reader(Subscriber, db, work, notes)
    {
        public const string Subscriber = "test.batched-reader";
    }
}
