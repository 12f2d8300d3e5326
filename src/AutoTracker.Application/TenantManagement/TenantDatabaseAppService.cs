using AutoTracker.Application;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Authorization;
using AutoTracker.Permissions;
using AutoTracker.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoTracker.TenantManagement;

/// <summary>
/// The database of each tenant, on the host side. The HTTP layer admits host admins only, and the service rejects
/// calls made inside a tenant as <see cref="TenantAppService"/> does.
/// </summary>
public sealed partial class TenantDatabaseAppService(
    IRepository<Tenant> tenants,
    IUnitOfWork unitOfWork,
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    ITenantDatabaseManager tenantDatabases,
    IPermissionChecker permissions,
    IDatabaseLock databaseLock,
    ILogger<TenantDatabaseAppService> logger) : ITenantDatabaseAppService
{
    /// <summary>How long a change waits for another change of the same tenant's database before it is a conflict.</summary>
    private static readonly TimeSpan ChangeLockTimeout = TimeSpan.FromSeconds(2);

    public async Task<TenantDatabaseDto> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.ManageDatabase, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        return ToDto(await tenants.GetLiveAsync(tenantId, cancellationToken));
    }

    public async Task<TenantDatabaseDto> UpdateAsync(Guid tenantId, UpdateTenantDatabaseDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.ManageDatabase, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        InputValidator.Validate(input);

        // The lock and the stamp check come before any migration, so of several changes with one stamp only the
        // first touches a database and the others are conflicts.
        await using var changeLock = await LockDatabaseChangeAsync(tenantId, cancellationToken);
        var tenant = await tenants.GetLiveAsync(tenantId, cancellationToken);
        if (!string.Equals(tenant.ConcurrencyStamp, input.ConcurrencyStamp, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException();
        }

        tenants.ExpectConcurrencyStamp(tenant, input.ConcurrencyStamp);

        // Other nodes keep the old database cached for a while, so the tenant's users must be signed out first.
        if (tenant.IsActive)
        {
            throw new BusinessException(
                ErrorCodes.TenantActive,
                $"Deactivate tenant {tenant.Name} before changing its database, and activate it again once its data has moved.",
                nameof(UpdateTenantDatabaseDto.ConnectionString));
        }

        if (string.IsNullOrWhiteSpace(input.ConnectionString))
        {
            tenant.SetProtectedConnectionString(null);
        }
        else
        {
            var prepared = await tenantDatabases.CheckConnectionStringAsync(input.ConnectionString, nameof(UpdateTenantDatabaseDto.ConnectionString), tenant.Id, cancellationToken);
            await tenantDatabases.MigrateAsync(prepared, nameof(UpdateTenantDatabaseDto.ConnectionString), cancellationToken);

            // The tenant's users may sign in to the new database only once its static roles exist there.
            await tenantDatabases.RunInTenantScopeAsync(
                tenant.Id,
                prepared,
                async (services, ct) =>
                {
                    await services.GetRequiredService<AutoTrackerDataSeeder>().SeedTenantRolesAsync(ct);
                    return true;
                },
                cancellationToken);
            tenant.SetProtectedConnectionString(tenantDatabases.Protect(prepared));
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        tenantDatabases.Forget(tenant.Id);
        LogDatabaseChanged(logger, tenant.Id, tenant.ProtectedConnectionString is not null, currentUser.Id);
        return ToDto(tenant);
    }

    public async Task<TenantDatabaseTestResultDto> TestConnectionAsync(TestTenantDatabaseDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.ManageDatabase, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        InputValidator.Validate(input);
        await tenantDatabases.CheckConnectionStringAsync(input.ConnectionString, nameof(TestTenantDatabaseDto.ConnectionString), tenantId: null, cancellationToken);
        return new TenantDatabaseTestResultDto { Message = "The connection succeeded." };
    }

    private Task<IAsyncDisposable> LockDatabaseChangeAsync(Guid tenantId, CancellationToken cancellationToken) =>
        databaseLock.AcquireOrConflictAsync(
            $"tenant-database:{tenantId:N}",
            ChangeLockTimeout,
            "Another change of this tenant's database is in progress. Reload the tenant and apply the change again if it is still needed.",
            cancellationToken);

    private TenantDatabaseDto ToDto(Tenant tenant)
    {
        var masked = tenant.ProtectedConnectionString is { } stored ? tenantDatabases.Mask(stored) : null;
        return new TenantDatabaseDto
        {
            TenantId = tenant.Id,
            HasOwnDatabase = tenant.ProtectedConnectionString is not null,
            MaskedConnectionString = masked,
            IsConnectionStringUnreadable = tenant.ProtectedConnectionString is not null && masked is null,
            ConcurrencyStamp = tenant.ConcurrencyStamp,
        };
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Database of tenant {TenantId} changed by user {UserId}; own database: {HasOwnDatabase}")]
    private static partial void LogDatabaseChanged(ILogger logger, Guid tenantId, bool hasOwnDatabase, Guid? userId);
}
