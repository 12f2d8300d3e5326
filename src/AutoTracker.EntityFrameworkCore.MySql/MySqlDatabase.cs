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
        services.AddAutoTrackerDataAccess();
        services.TryAddSingleton<IUniqueViolationDetector, MySqlUniqueViolationDetector>();
        services.TryAddSingleton<IDatabaseOutageDetector, MySqlOutageDetector>();
        services.TryAddSingleton<AutoTracker.Domain.IDatabaseLock>(new MySqlDatabaseLock(prepared));
        services.AddDbContext<AutoTrackerDbContext>((sp, options) =>
        {
            Configure(options, prepared);
            options.AddInterceptors(sp.GetRequiredService<AuditPropertiesInterceptor>());
        });
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
