namespace AutoTracker;

/// <summary>A SQLite database file of its own for one test class, deleted when the class is done.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public SqliteTestDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "autotracker-tests");
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={FilePath};Pooling=False";
    }

    public override string Provider => "Sqlite";

    public string FilePath { get; }

    public override string ConnectionString { get; }

    public override System.Data.Common.DbConnection OpenConnection()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    protected override void Delete()
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
