using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoTracker.Seeding;

/// <summary>
/// Brings every database up to date: migrates and seeds the host database (which also contains the tenants without a
/// database of their own), then migrates each tenant's own database and creates its static roles. The DbMigrator
/// and the web app's start-up both run it.
/// </summary>
public sealed partial class DatabaseInitializer(
    ITenantDatabaseManager tenantDatabases,
    AutoTrackerDataSeeder seeder,
    IRepository<Tenant> tenants,
    IQueryExecutor executor,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>
    /// Returns the number of tenant databases that failed. A failing tenant database is logged and skipped, so one
    /// unreachable server does not hold back the others; the host database failing throws.
    /// </summary>
    public async Task<int> InitializeAsync(CancellationToken cancellationToken)
    {
        await tenantDatabases.MigrateHostAsync(cancellationToken);
        await seeder.SeedAsync(cancellationToken);

        var withOwnDatabase = await executor.ToListAsync(
            tenants.Query().Where(t => t.ProtectedConnectionString != null && !t.IsDeleted).OrderBy(t => t.Id).Select(t => t.Id),
            cancellationToken);
        var failures = 0;
        foreach (var tenantId in withOwnDatabase)
        {
            try
            {
                await tenantDatabases.MigrateTenantAsync(tenantId, cancellationToken);
                await tenantDatabases.RunInTenantScopeAsync(
                    tenantId,
                    connectionString: null,
                    async (services, ct) =>
                    {
                        await services.GetRequiredService<AutoTrackerDataSeeder>().SeedTenantRolesAsync(ct);
                        await services.GetRequiredService<Settings.ITenantSettingRelocation>().MoveToTenantDatabaseAsync(ct);
                        return true;
                    },
                    cancellationToken);
                LogTenantDatabaseReady(logger, tenantId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The kind of failure only: a connection error's message can name the server and the user.
                LogTenantDatabaseFailed(logger, tenantId, tenantDatabases.DescribeFailure(ex));
                failures++;
            }
        }

        return failures;
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Database of tenant {TenantId} migrated and seeded")]
    private static partial void LogTenantDatabaseReady(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Database of tenant {TenantId} could not be migrated or seeded: {Reason}")]
    private static partial void LogTenantDatabaseFailed(ILogger logger, Guid tenantId, string reason);
}
