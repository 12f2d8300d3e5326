using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoTracker.EntityFrameworkCore.MultiTenancy;

public sealed partial class TenantDatabaseManager(
    IDatabaseProvider provider,
    HostConnectionString hostConnectionString,
    ConnectionStringProtector protector,
    TenantConnectionStrings connectionStrings,
    ICurrentTenant currentTenant,
    IServiceScopeFactory scopeFactory,
    HostDbContextFactory hostContexts,
    ILogger<TenantDatabaseManager> logger) : ITenantDatabaseManager
{
    public async Task<string> CheckConnectionStringAsync(string connectionString, string field, Guid? tenantId, CancellationToken cancellationToken)
    {
        var trimmed = connectionString.Trim();
        if (trimmed.Length == 0)
        {
            throw new InputValidationException(field, "Enter a connection string, or leave the field empty to keep the tenant's data in the shared database.");
        }

        // Bytes, not characters, bound the encrypted form that the column stores.
        if (System.Text.Encoding.UTF8.GetByteCount(trimmed) > TenantConsts.MaxConnectionStringLength)
        {
            throw new InputValidationException(field, $"A connection string has at most {TenantConsts.MaxConnectionStringLength} bytes.");
        }

        try
        {
            var prepared = provider.PrepareTenantConnectionString(trimmed);
            var identity = await provider.TestConnectionAsync(prepared, cancellationToken);
            if (string.Equals(identity, await provider.TestConnectionAsync(hostConnectionString.Value, cancellationToken), StringComparison.Ordinal))
            {
                throw new TenantConnectionStringException(
                    "This is the shared database. Leave the field empty to keep the tenant's data there, or name a database of its own.");
            }

            if (await FindTenantWithDatabaseAsync(identity, tenantId, cancellationToken) is { } owner)
            {
                throw new TenantConnectionStringException($"This is the database of tenant {owner}. Name a database of this tenant's own.");
            }

            return prepared;
        }
        catch (TenantConnectionStringException ex)
        {
            throw new InputValidationException(field, ex.Message);
        }
    }

    public string Protect(string connectionString) => protector.Protect(connectionString);

    public string? Mask(string protectedConnectionString)
    {
        try
        {
            return provider.Mask(protector.Unprotect(protectedConnectionString));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // TenantConnectionStrings logs the missing key when the tenant's database is first used.
            return null;
        }
    }

    public async Task MigrateHostAsync(CancellationToken cancellationToken)
    {
        provider.PrepareStorage(hostConnectionString.Value);
        var builder = new DbContextOptionsBuilder<AutoTrackerDbContext>();
        provider.Configure(builder, provider.WithoutPooling(hostConnectionString.Value));
        await using var context = new AutoTrackerDbContext(builder.Options, currentTenant);
        await context.Database.MigrateAsync(cancellationToken);
    }

    public async Task MigrateTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var connectionString = await connectionStrings.FindAsync(tenantId, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {tenantId} has no database of its own.");
        await MigrateAsync(connectionString, cancellationToken);
    }

    public async Task MigrateAsync(string connectionString, string field, CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(connectionString, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && provider.DescribeFailure(ex) is { } reason)
        {
            LogMigrationRejected(logger, reason);
            throw new InputValidationException(field, $"The database cannot be prepared: {reason}");
        }
    }

    public string DescribeFailure(Exception exception) => provider.DescribeFailure(exception) ?? exception.GetType().Name;

    public async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        provider.PrepareStorage(connectionString);
        var builder = new DbContextOptionsBuilder<AutoTrackerDbContext>();
        provider.Configure(builder, provider.WithoutPooling(connectionString));
        builder.ReplaceService<IMigrationsAssembly, TenantMigrationsAssembly>();
        await using var context = new AutoTrackerDbContext(builder.Options, currentTenant);
        await context.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger);
    }

    public async Task<T> RunInTenantScopeAsync<T>(
        Guid? tenantId,
        string? connectionString,
        Func<IServiceProvider, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        using (currentTenant.Change(tenantId))
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            if (connectionString is not null && tenantId is { } id)
            {
                scope.ServiceProvider.GetRequiredService<TenantDatabaseBinding>().Override(id, connectionString);
            }
            else
            {
                // Loads the tenant's database into the cache without blocking, before the scope's context looks it up.
                await connectionStrings.FindAsync(tenantId, cancellationToken);
            }

            return await work(scope.ServiceProvider, cancellationToken);
        }
    }

    public void Forget(Guid tenantId) => connectionStrings.Forget(tenantId);

    /// <summary>
    /// Returns the name of another tenant whose stored database has <paramref name="identity"/>, or null. Stored
    /// strings that cannot be decrypted or connected to are skipped, because their owner cannot use them either.
    /// </summary>
    /// <remarks>NOTE: this connects to every other tenant's own database, in parallel, so its cost grows with their number.</remarks>
    private async Task<string?> FindTenantWithDatabaseAsync(string identity, Guid? exceptTenantId, CancellationToken cancellationToken)
    {
        List<(Guid Id, string Name, string Stored)> others;
        await using (var context = hostContexts.Create())
        {
            var rows = await context.Tenants.AsNoTracking()
                .Where(t => t.ProtectedConnectionString != null && !t.IsDeleted && t.Id != exceptTenantId)
                .Select(t => new { t.Id, t.Name, t.ProtectedConnectionString })
                .ToListAsync(cancellationToken);
            others = rows.Select(r => (r.Id, r.Name, r.ProtectedConnectionString!)).ToList();
        }

        var identities = await Task.WhenAll(others.Select(async other =>
        {
            try
            {
                return await provider.TestConnectionAsync(protector.Unprotect(other.Stored), cancellationToken);
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or TenantConnectionStringException)
            {
                LogOtherDatabaseSkipped(logger, other.Id);
                return null;
            }
        }));

        var index = Array.FindIndex(identities, other => string.Equals(other, identity, StringComparison.Ordinal));
        return index < 0 ? null : others[index].Name;
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Migrated a tenant database")]
    private static partial void LogMigrated(ILogger logger);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "The database of tenant {TenantId} was left out of the duplicate check because it cannot be decrypted or reached")]
    private static partial void LogOtherDatabaseSkipped(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Migrating a new tenant database failed: {Reason}")]
    private static partial void LogMigrationRejected(ILogger logger, string reason);
}

/// <summary>Writes the access record in the host database, then reads inside the tenant through <see cref="ITenantDatabaseManager"/>.</summary>
public sealed partial class CrossTenantAccess(
    HostDatabase hostDatabase,
    ITenantDatabaseManager tenantDatabases,
    ICurrentTenant currentTenant,
    Identity.ICurrentUser currentUser,
    TimeProvider timeProvider,
    ILogger<CrossTenantAccess> logger) : ICrossTenantAccess
{
    public async Task<T> ReadInTenantAsync<T>(
        Guid tenantId,
        string purpose,
        Func<IServiceProvider, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        if (currentTenant.Id is not null)
        {
            throw new InvalidOperationException("Only host-side code reads inside a tenant; this call runs inside a tenant.");
        }

        var record = new AutoTracker.TenantManagement.CrossTenantAccessRecord(Guid.NewGuid(), tenantId, currentUser.Id, purpose, timeProvider.GetUtcNow().UtcDateTime);
        hostDatabase.Context.CrossTenantAccessRecords.Add(record);
        await hostDatabase.Context.SaveChangesAsync(cancellationToken);
        LogAccess(logger, currentUser.Id, tenantId, purpose);

        return await tenantDatabases.RunInTenantScopeAsync(tenantId, connectionString: null, read, cancellationToken);
    }

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Host user {UserId} read inside tenant {TenantId} for {Purpose}")]
    private static partial void LogAccess(ILogger logger, Guid? userId, Guid tenantId, string purpose);
}
