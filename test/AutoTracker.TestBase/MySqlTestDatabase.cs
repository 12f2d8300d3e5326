using MySql.Data.MySqlClient;

namespace AutoTracker;

/// <summary>
/// A MySQL or MariaDB database of its own for one test class, created empty on the server named by the
/// environment variable <c>AUTOTRACKER_TEST_MYSQL</c> and dropped when the class is done. Its name starts with
/// <c>at_</c>, the only names the test user may create.
/// </summary>
public sealed class MySqlTestDatabase : TestDatabase
{
    public const string ServerVariable = "AUTOTRACKER_TEST_MYSQL";

    private readonly string _serverConnectionString;

    public MySqlTestDatabase()
    {
        _serverConnectionString = ServerConnectionString();
        DatabaseName = $"at_{Guid.NewGuid():N}";
        ExecuteOnServer($"CREATE DATABASE `{DatabaseName}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        ConnectionString = new MySqlConnectionStringBuilder(_serverConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    public override string Provider => "MySql";

    public string DatabaseName { get; }

    public override string ConnectionString { get; }

    /// <summary>Returns the server's connection string, without a database, or fails with what to set.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run etc/scripts/test.sh, which starts MariaDB, or set it to a server connection string.");

    public override System.Data.Common.DbConnection OpenConnection()
    {
        var connection = new MySqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    protected override void Delete()
    {
        MySqlConnection.ClearAllPools();
        ExecuteOnServer($"DROP DATABASE IF EXISTS `{DatabaseName}`");
    }

    private void ExecuteOnServer(string sql)
    {
        using var connection = new MySqlConnection(_serverConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
