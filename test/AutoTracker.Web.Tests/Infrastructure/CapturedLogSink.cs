using System.Collections.Concurrent;
using Serilog.Events;

namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>Keeps the app's log events in memory so tests can search everything that would reach a log file.</summary>
public sealed class CapturedLogSink : Serilog.Core.ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public void Clear() => _events.Clear();

    /// <summary>Returns each event as text: the rendered message, every property and the exception.</summary>
    public IEnumerable<string> AllText() => _events.Select(e =>
    {
        using var writer = new StringWriter();
        e.RenderMessage(writer);
        foreach (var property in e.Properties)
        {
            writer.Write($" {property.Key}={property.Value}");
        }

        writer.Write(e.Exception?.ToString());
        return writer.ToString();
    });
}
