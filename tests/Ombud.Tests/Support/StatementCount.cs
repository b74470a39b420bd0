using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Tests.Support;

/// <summary>
/// Counts the SQL statements one <see cref="DbContext"/> runs, from EF's diagnostic events: a read's statement count is
/// a steady figure where its time is not. Only that context's are counted, since other test collections run at once.
/// </summary>
internal sealed class StatementCount : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly DbContext _db;
    private readonly IDisposable _listeners;
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    private StatementCount(DbContext db)
    {
        _db = db;
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Runs <paramref name="work"/> and answers what it returned and how many statements <paramref name="db"/> ran meanwhile.</summary>
    public static async Task<(T Result, int Statements)> OfAsync<T>(DbContext db, Func<Task<T>> work)
    {
        using var count = new StatementCount(db);
        await count.UntilHeardAsync();
        var result = await work();
        return (result, count.Count);
    }

    /// <summary>
    /// Runs a trivial statement until the counter hears one, then starts the count from zero. After EF last found nobody
    /// listening it skips its command events for a while (its logging cache time, a second by default), and a pooled
    /// context keeps that finding across leases: counted straight away, a read could be heard as no statements at all.
    /// </summary>
    private async Task UntilHeardAsync()
    {
        for (var tries = 1; Count == 0; tries++)
        {
            await _db.Database.ExecuteSqlRawAsync("SELECT 1");
            if (Count == 0)
            {
                if (tries == 200)
                {
                    throw new InvalidOperationException("EF's command events never reached the statement counter.");
                }

                await Task.Delay(50);
            }
        }

        Interlocked.Exchange(ref _count, 0);
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed && ReferenceEquals(executed.Context, _db))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
