using AutoTracker.EntityFrameworkCore.MySql;
using AutoTracker.EntityFrameworkCore.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker;

/// <summary>
/// A database of its own for one test class, on the engine the run targets: SQLite unless the environment
/// variable <c>AUTOTRACKER_TEST_DATABASE</c> is <c>MySql</c>. <c>etc/scripts/test.sh</c> runs the integration
/// suites once per engine.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public const string EngineVariable = "AUTOTRACKER_TEST_DATABASE";

    /// <summary>The provider name the web host and the migrator read from <c>AutoTracker:Database:Provider</c>.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public static bool RunsOnMySql =>
        string.Equals(Environment.GetEnvironmentVariable(EngineVariable), "MySql", StringComparison.OrdinalIgnoreCase);

    public static TestDatabase Create() => RunsOnMySql ? new MySqlTestDatabase() : new SqliteTestDatabase();

    /// <summary>Registers the DbContext on this database, as the web host does for its provider.</summary>
    public void AddDbContext(IServiceCollection services)
    {
        if (Provider == "MySql")
        {
            services.AddAutoTrackerMySql(ConnectionString);
        }
        else
        {
            services.AddAutoTrackerSqlite(ConnectionString);
        }
    }

    /// <summary>Opens a plain ADO.NET connection to this database, for tests that check it without EF Core.</summary>
    public abstract System.Data.Common.DbConnection OpenConnection();

    /// <summary>The names of the tables in this database.</summary>
    public IReadOnlyList<string> TableNames()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = Provider == "MySql"
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Counts every row of <paramref name="table"/>, read without EF Core.</summary>
    public long CountRows(string table)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one SQL statement on this database without EF Core, for test set-up such as triggers.</summary>
    public void Execute(string sql)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Returns a port on 127.0.0.1 that nothing listens on: one the system just handed out and took back.</summary>
    public static int ClosedLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Counts the rows of <paramref name="table"/> whose TenantId is <paramref name="tenantId"/>, read without EF Core.</summary>
    public long CountTenantRows(string table, Guid tenantId)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();

        // SQLite stores Guids upper-case and MySQL lower-case; lower() compares both.
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE lower(TenantId) = @tenantId";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@tenantId";
        parameter.Value = tenantId.ToString("D");
        command.Parameters.Add(parameter);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Delete();
        GC.SuppressFinalize(this);
    }

    protected abstract void Delete();
}
