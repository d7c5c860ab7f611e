using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Controls.Collectors.Tests.Scheduling;

public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>Keeps every log entry of a test's hosts, so a test can prove a failure was reported and not swallowed.</summary>
public sealed class TestLog(ITestOutputHelper? output) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        _entries.Enqueue(entry);
        try
        {
            output?.WriteLine($"{entry.Level} {entry.Category}: {entry.Message}{(entry.Exception is null ? "" : " | " + entry.Exception.GetType().Name + ": " + entry.Exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // A host still logging after its test finished (a collector left blocked on purpose) has no output to write to.
        }
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add(new LogEntry(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
