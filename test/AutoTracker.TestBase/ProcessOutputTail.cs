namespace AutoTracker;

/// <summary>
/// The last lines a child process wrote to standard output and standard error, kept so that a failed start can
/// show why. Older lines are dropped once <see cref="MaxLines"/> is reached. Thread-safe, because the two
/// streams are read on thread-pool threads.
/// </summary>
public sealed class ProcessOutputTail(int maxLines)
{
    private readonly Queue<string> _lines = new();
    private readonly object _lock = new();

    public int MaxLines { get; } = maxLines > 0 ? maxLines : throw new ArgumentOutOfRangeException(nameof(maxLines), maxLines, "The tail must keep at least one line.");

    /// <summary>Adds one line. A null line, which marks the end of a stream, is ignored.</summary>
    public void Add(string prefix, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Enqueue(prefix + line);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>Returns the kept lines joined by new lines, or a note that the process wrote nothing.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            return _lines.Count == 0 ? "(the process wrote no output)" : string.Join(Environment.NewLine, _lines);
        }
    }
}
