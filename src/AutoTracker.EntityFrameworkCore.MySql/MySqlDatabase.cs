using AutoTracker.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MySql.Data.MySqlClient;

namespace AutoTracker.EntityFrameworkCore.MySql;

public static class MySqlDatabase
{
    /// <summary>Seconds a connection attempt may take when the connection string sets none; the MySql.Data default is 15.</summary>
    public const uint DefaultConnectTimeoutSeconds = 5;

    /// <summary>
    /// Registers the DbContext on MySQL (or MariaDB), with this assembly's migrations, the tenant and audit
    /// interceptor, and the readers of MySQL's unique-key and connection errors.
    /// </summary>
    public static IServiceCollection AddAutoTrackerMySql(this IServiceCollection services, string connectionString)
    {
        var prepared = PrepareConnectionString(connectionString);
        services.TryAddSingleton<IUniqueViolationDetector, MySqlUniqueViolationDetector>();
        services.TryAddSingleton<IDatabaseOutageDetector, MySqlOutageDetector>();
        services.TryAddSingleton<AutoTracker.Domain.IDatabaseLock>(new MySqlDatabaseLock(prepared));
        services.AddAutoTrackerDataAccess(new MySqlDatabaseProvider(), prepared);
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseMySQL(connectionString, mysql => mysql.MigrationsAssembly(typeof(MySqlDatabase).Assembly.GetName().Name));
        options.ReplaceService<IModelCustomizer, MySqlModelCustomizer>();
        options.AddInterceptors(MariaDbCompatibilityInterceptor.Instance);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new CollationAwareStartsWithExtension());
    }

    /// <summary>
    /// Fills in what the application relies on and a connection string may leave out: utf8mb4 on the wire, and a
    /// short connect timeout so that requests during a database outage fail fast instead of queueing.
    /// </summary>
    public static string PrepareConnectionString(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!ContainsKey(connectionString, "CharSet", "Character Set"))
        {
            builder.CharacterSet = "utf8mb4";
        }

        if (!ContainsKey(connectionString, "Connect Timeout", "Connection Timeout", "ConnectionTimeout"))
        {
            builder.ConnectionTimeout = DefaultConnectTimeoutSeconds;
        }

        return builder.ConnectionString;
    }

    private static bool ContainsKey(string connectionString, params string[] keys) =>
        connectionString.Split(';')
            .Select(part => part.Split('=', 2)[0].Trim())
            .Any(key => keys.Contains(key, StringComparer.OrdinalIgnoreCase));
}

/// <summary>MySQL's side of <see cref="IDatabaseProvider"/>: a tenant's own database is a database of its own, on this server or another.</summary>
public sealed class MySqlDatabaseProvider : IDatabaseProvider
{
    private const string MaskText = "********";

    private const string Unreachable = "The database server cannot be reached.";

    /// <summary>The upper bound on a connection test after the server's greeting.</summary>
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    // MySQL and MariaDB server error numbers, and MySql.Data's own 1042 and 0 for a server it cannot reach.
    private const int DatabaseAccessDenied = 1044;
    private const int AccessDenied = 1045;
    private const int UnknownDatabase = 1049;
    private const int TableExists = 1050;
    private const int UnableToConnect = 1042;
    private const int KeyTooLong = 1071;
    private const int UnknownCharacterSet = 1115;
    private const int TableAccessDenied = 1142;
    private const int ColumnAccessDenied = 1143;
    private const int SpecificAccessDenied = 1227;
    private const int CollationMismatch = 1253;
    private const int UnknownCollation = 1273;

    public void Configure(DbContextOptionsBuilder options, string connectionString) => MySqlDatabase.Configure(options, connectionString);

    /// <summary>
    /// Accepts a string that names one server, over TCP, and a database. <c>AllowLoadLocalInfile</c> is rejected,
    /// because it lets the database server read files of the web server.
    /// </summary>
    public string PrepareTenantConnectionString(string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            RejectNegativeTimeouts(connectionString);
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException or MySqlException)
        {
            throw new TenantConnectionStringException("The connection string is not valid for MySQL. Write it as Server=...;Database=...;User ID=...;Password=...");
        }

        if (string.IsNullOrWhiteSpace(builder.Server) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new TenantConnectionStringException("The connection string must name the Server and the Database.");
        }

        // MySql.Data reads "a,b" and "(host=a,...)" as several servers to try in turn.
        if (builder.Server.IndexOfAny([',', '(', ')']) >= 0)
        {
            throw new TenantConnectionStringException("Server must name one server; a list of servers is not supported.");
        }

        if (builder.ConnectionProtocol != MySqlConnectionProtocol.Tcp)
        {
            throw new TenantConnectionStringException("Only TCP connections are supported; remove the Protocol setting.");
        }

        if (builder.AllowLoadLocalInfile || !string.IsNullOrEmpty(builder.AllowLoadLocalInfileInPath))
        {
            throw new TenantConnectionStringException("AllowLoadLocalInfile is not allowed: it lets the database server read files of the web server.");
        }

        return MySqlDatabase.PrepareConnectionString(builder.ConnectionString);
    }

    string IDatabaseProvider.Mask(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = MaskText;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Checks that a MySQL server responds, connects, and checks the database's character set. Returns the identity
    /// of the database as the server reports it (host name, port, database name), so that two spellings of one
    /// server, such as localhost and 127.0.0.1, compare equal.
    /// </summary>
    public async Task<string> TestConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        await MySqlGreetingProbe.ProbeAsync(builder, cancellationToken);

        (string CharacterSet, string Identity) database;
        try
        {
            // MySql.Data's async methods ignore the token, so the whole exchange gets a bound of its own.
            database = await ReadDatabaseAsync(connectionString, cancellationToken).WaitAsync(TestTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TenantConnectionStringException($"The database server did not finish the connection within {TestTimeout.TotalSeconds:0} s.");
        }
        catch (MySqlException ex)
        {
            throw new TenantConnectionStringException(Describe(ex));
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            throw new TenantConnectionStringException(Unreachable);
        }

        if (!string.Equals(database.CharacterSet, "utf8mb4", StringComparison.OrdinalIgnoreCase))
        {
            throw new TenantConnectionStringException(
                $"The database uses the {database.CharacterSet} character set. Create it with the utf8mb4 character set, or change it with ALTER DATABASE.");
        }

        return database.Identity;
    }

    private static async Task<(string CharacterSet, string Identity)> ReadDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT @@character_set_database, @@hostname, @@port, DATABASE()";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var identity = string.Join('/', reader.GetString(1), Convert.ToString(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(3));
        return (reader.GetString(0), identity);
    }

    /// <summary>
    /// Rejects a negative value for any timeout keyword. MySql.Data stores timeouts as unsigned numbers and fails
    /// on a negative one with an <see cref="OverflowException"/>.
    /// </summary>
    private static void RejectNegativeTimeouts(string connectionString)
    {
        var generic = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in generic.Keys)
        {
            if (key.Contains("timeout", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(Convert.ToString(generic[key], System.Globalization.CultureInfo.InvariantCulture), out var seconds)
                && seconds < 0)
            {
                throw new TenantConnectionStringException($"{key} must be zero or more seconds.");
            }
        }
    }

    /// <summary>Nothing to prepare: the database must exist, because only its owner knows its character set and grants.</summary>
    public void PrepareStorage(string connectionString)
    {
    }

    public string WithoutPooling(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public string? DescribeFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is MySqlException mysql && Describe(mysql, orNull: true) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>
    /// Names the kind of a MySQL failure by its error number. The server's own message can name hosts and users, so
    /// it is never passed on. Unknown numbers give null when <paramref name="orNull"/> is set.
    /// </summary>
    private static string? Describe(MySqlException exception, bool orNull) => exception.Number switch
    {
        AccessDenied => "The server rejected the user name or password.",
        DatabaseAccessDenied => "The user has no access to this database.",
        UnknownDatabase => "The database does not exist on the server. Create it with the utf8mb4 character set first.",
        TableAccessDenied or ColumnAccessDenied or SpecificAccessDenied =>
            "The user lacks rights that the tables need, such as CREATE, ALTER, INDEX and REFERENCES. Grant it ALL PRIVILEGES on this database.",
        UnknownCharacterSet or UnknownCollation or CollationMismatch or KeyTooLong =>
            "The database's character set does not fit. Create the database with the utf8mb4 character set.",
        TableExists => "The database already contains tables of another application. Name an empty database.",
        UnableToConnect or 0 => Unreachable,
        _ => orNull ? null : $"The connection failed (MySQL error {exception.Number}).",
    };

    private static string Describe(MySqlException exception) => Describe(exception, orNull: false)!;
}

/// <summary>Lets the dotnet-ef tool build the context when it generates migrations; it never connects.</summary>
public sealed class MySqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<AutoTrackerDbContext>
{
    public AutoTrackerDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AutoTrackerDbContext>();
        MySqlDatabase.Configure(builder, "Server=127.0.0.1;Database=autotracker_design;SslMode=Disabled");
        return new AutoTrackerDbContext(builder.Options, new CurrentTenant());
    }
}
