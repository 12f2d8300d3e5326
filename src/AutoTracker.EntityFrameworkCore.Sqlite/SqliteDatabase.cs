using AutoTracker.EntityFrameworkCore;
using AutoTracker.MultiTenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoTracker.EntityFrameworkCore.Sqlite;

public static class SqliteDatabase
{
    /// <summary>
    /// Registers the DbContext on SQLite, with this assembly's migrations and the tenant and audit interceptor,
    /// and the reader of SQLite's unique-constraint errors.
    /// </summary>
    public static IServiceCollection AddAutoTrackerSqlite(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton<IUniqueViolationDetector, SqliteUniqueViolationDetector>();
        services.TryAddSingleton<IDatabaseOutageDetector, SqliteOutageDetector>();
        services.TryAddSingleton<AutoTracker.Domain.IDatabaseLock, SqliteDatabaseLock>();
        services.AddAutoTrackerDataAccess(new SqliteDatabaseProvider(), connectionString);
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
}

/// <summary>SQLite's side of <see cref="IDatabaseProvider"/>: a tenant's own database is a file of its own.</summary>
public sealed class SqliteDatabaseProvider : IDatabaseProvider
{
    private static readonly HashSet<string> AllowedKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Data Source", "DataSource", "Filename", "Mode", "Cache", "Default Timeout", "Command Timeout", "Pooling",
    };

    // SQLite's primary result codes, from sqlite3.h.
    private const int SqlitePermission = 3;
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    public void Configure(DbContextOptionsBuilder options, string connectionString) => SqliteDatabase.Configure(options, connectionString);

    /// <summary>
    /// Accepts a file database at an absolute path, with the keywords in <see cref="AllowedKeywords"/> only. A
    /// relative path would depend on the working folder, which differs between the web app and the DbMigrator, and
    /// a memory database would lose the tenant's data.
    /// </summary>
    public string PrepareTenantConnectionString(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            RejectUnknownKeywords(connectionString);
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new TenantConnectionStringException("The connection string is not valid for SQLite. Write it as Data Source=/absolute/path/tenant.db.");
        }

        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new TenantConnectionStringException("A tenant database needs a file: set Data Source to an absolute file path.");
        }

        if (!Path.IsPathFullyQualified(dataSource) || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new TenantConnectionStringException("Data Source must be an absolute file path, such as /var/lib/autotracker/tenants/name.db.");
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new TenantConnectionStringException("A tenant database must be writable; remove Mode=ReadOnly.");
        }

        if (builder.DefaultTimeout < 0)
        {
            throw new TenantConnectionStringException("Default Timeout must be zero or more seconds.");
        }

        SqliteDatabaseFile.Check(dataSource);
        return builder.ConnectionString;
    }

    /// <summary>Masks a password, which strings stored before Password was rejected may still contain.</summary>
    string IDatabaseProvider.Mask(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "********";
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Opens an existing file and reads from it, or checks that the folder of a new file exists. Returns the file's
    /// real path, with every symbolic link resolved.
    /// </summary>
    public async Task<string> TestConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = SqliteDatabaseFile.Check(builder.DataSource);
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw new TenantConnectionStringException("The folder of the database file does not exist on the server.");
            }

            return path;
        }

        builder.Mode = SqliteOpenMode.ReadWrite;
        try
        {
            await using var connection = new SqliteConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new TenantConnectionStringException(
                Describe(ex) ?? $"The database file cannot be opened for writing (SQLite error {ex.SqliteErrorCode}).");
        }

        return path;
    }

    /// <summary>
    /// Rejects keywords other than <see cref="AllowedKeywords"/>: Password requests encryption, which this SQLite
    /// build does not have, and keywords such as Foreign Keys or Vfs change how the application's data behaves.
    /// </summary>
    private static void RejectUnknownKeywords(string connectionString)
    {
        var generic = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in generic.Keys)
        {
            if (!AllowedKeywords.Contains(key.Trim()))
            {
                throw new TenantConnectionStringException(
                    $"The keyword {key.Trim()} is not supported in a tenant connection string. Use only Data Source, Mode, Cache, Default Timeout and Pooling.");
            }
        }
    }

    public string WithoutPooling(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public string? DescribeFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite when Describe(sqlite) is { } reason:
                    return reason;
                case UnauthorizedAccessException:
                    return "The application may not create the folder or file of the database.";
            }
        }

        return null;
    }

    /// <summary>Names the kind of a SQLite failure by its primary result code (the low byte of the extended code).</summary>
    private static string? Describe(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) switch
    {
        SqliteReadOnly => "The database file is read-only for the application.",
        SqliteCantOpen => "The database file cannot be opened or created. Check that the application may write to it and to its folder.",
        SqliteNotADatabase => "The file is not a SQLite database.",
        SqliteCorrupt => "The database file is corrupt.",
        SqliteFull => "The disk of the database file is full.",
        SqlitePermission => "The application may not access the database file.",
        _ => null,
    };

    public void PrepareStorage(string connectionString)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}

/// <summary>Lets the dotnet-ef tool build the context when it generates migrations.</summary>
public sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<AutoTrackerDbContext>
{
    public AutoTrackerDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AutoTrackerDbContext>();
        SqliteDatabase.Configure(builder, "Data Source=design-time.db");
        return new AutoTrackerDbContext(builder.Options, new CurrentTenant());
    }
}
