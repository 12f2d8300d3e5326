namespace AutoTracker;

/// <summary>A SQLite database file of its own for one test class, deleted when the class is done.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "autotracker-tests");
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={FilePath};Pooling=False";
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // A file still open by a finished test is left to the temp folder's cleanup.
            }
        }
    }
}
