using AutoTracker.EntityFrameworkCore;
using AutoTracker.MultiTenancy;
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
        services.AddAutoTrackerDataAccess();
        services.TryAddSingleton<IUniqueViolationDetector, SqliteUniqueViolationDetector>();
        services.TryAddSingleton<IDatabaseOutageDetector, SqliteOutageDetector>();
        services.TryAddSingleton<AutoTracker.Domain.IDatabaseLock, SqliteDatabaseLock>();
        services.AddDbContext<AutoTrackerDbContext>((sp, options) =>
        {
            Configure(options, connectionString);
            options.AddInterceptors(sp.GetRequiredService<AuditPropertiesInterceptor>());
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
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
