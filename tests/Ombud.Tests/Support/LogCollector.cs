using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ombud.Tests.Support;

/// <summary>Every log line a test host writes (at the levels its settings let through), for tests that check what logs must never say.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector collector) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            collector.Messages.Enqueue($"{formatter(state, exception)} {exception}");
    }
}
