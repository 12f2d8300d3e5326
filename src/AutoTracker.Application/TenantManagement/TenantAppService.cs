using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Vehicles;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoTracker.TenantManagement;

/// <summary>
/// Tenant administration on the host side. The HTTP layer admits host admins only. The service also rejects calls
/// made inside a tenant, so that a wiring mistake cannot let a tenant user manage tenants.
/// </summary>
public sealed partial class TenantAppService(
    IRepository<Tenant> tenants,
    IReservedTenantNameRepository reservedNames,
    TenantNameManager names,
    IPermissionChecker permissions,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    PermissionManagement.StaticRoleSeeder staticRoles,
    ICurrentTenant currentTenant,
    ITenantDatabaseManager tenantDatabases,
    ICrossTenantAccess crossTenantAccess,
    TimeProvider timeProvider,
    ILogger<TenantAppService> logger) : ITenantAppService
{
    public async Task<PagedResult<TenantDto>> GetListAsync(GetTenantListInput input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Default, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        InputValidator.Validate(input);

        var query = input.IncludeDeleted ? tenants.Query() : tenants.Query().Where(t => !t.IsDeleted);
        var search = input.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var normalized = Tenant.NormalizeName(search);
            query = query.Where(t => t.NormalizedName.StartsWith(normalized));
        }

        var page = await executor.ToListAsync(query.OrderBy(t => t.NormalizedName).Skip(input.Skip).Take(input.Take + 1), cancellationToken);
        var hasMore = page.Count > input.Take;
        if (hasMore)
        {
            page.RemoveAt(page.Count - 1);
        }

        var total = await executor.CountAsync(query, cancellationToken);
        return new PagedResult<TenantDto>(page.Select(ToDto).ToList(), hasMore, total);
    }

    public async Task<TenantDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Default, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        return ToDto(await tenants.GetLiveAsync(id, cancellationToken));
    }

    public async Task<TenantDto> CreateAsync(CreateTenantDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Create, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        InputValidator.Validate(input);
        await names.EnsureNameFreeAsync(input.Name, cancellationToken);
        if (!string.IsNullOrWhiteSpace(input.ConnectionString))
        {
            await permissions.CheckAsync(TenantManagementPermissions.Tenants.ManageDatabase, cancellationToken);
            return await CreateWithOwnDatabaseAsync(input, input.ConnectionString, cancellationToken);
        }

        var tenant = await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                var created = new Tenant(Guid.NewGuid(), input.Name);
                created.SetLimits(input.MaxVehicles, input.MaxUsers);
                TenantLimitChecker.EnsureUsersAllowed(created, existing: 0, adding: 1);
                tenants.Insert(created);
                await unitOfWork.SaveChangesAsync(ct);

                using (currentTenant.Change(created.Id, created.Name))
                {
                    await SeedTenantAsync(created, input, roleManager, userManager, staticRoles, ct);
                }

                return created;
            },
            cancellationToken);

        LogTenantCreated(logger, tenant.Id);
        return ToDto(tenant);
    }

    public async Task<TenantDto> UpdateAsync(Guid id, UpdateTenantDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Edit, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        InputValidator.Validate(input);

        var tenant = await tenants.GetLiveAsync(id, cancellationToken);
        tenants.ExpectConcurrencyStamp(tenant, input.ConcurrencyStamp);
        await names.RenameAsync(tenant, input.Name, cancellationToken);
        tenant.SetLimits(input.MaxVehicles, input.MaxUsers);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return ToDto(tenant);
    }

    public async Task<TenantDto> SetActiveAsync(Guid id, bool isActive, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Edit, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        var tenant = await tenants.GetLiveAsync(id, cancellationToken);
        if (isActive)
        {
            tenant.Activate();
        }
        else
        {
            // The users' sessions end on their next request, because the security stamp check reads the tenant's state.
            tenant.Deactivate();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogTenantActiveChanged(logger, tenant.Id, isActive);
        return ToDto(tenant);
    }

    public async Task DeleteAsync(Guid id, string? confirmName, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Delete, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        var tenant = await tenants.GetLiveAsync(id, cancellationToken);
        if (confirmName is null || !string.Equals(Tenant.NormalizeName(confirmName), tenant.NormalizedName, StringComparison.Ordinal))
        {
            throw new BusinessException(
                ErrorCodes.TenantNameMismatch,
                $"To delete the tenant, repeat its name '{tenant.Name}' as confirmName.",
                "confirmName");
        }

        tenant.Delete(timeProvider.GetUtcNow().UtcDateTime);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogTenantDeleted(logger, tenant.Id);
    }

    public async Task<TenantUsageDto> GetUsageAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Default, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        var tenant = await tenants.GetLiveAsync(id, cancellationToken);
        var (vehicleCount, userCount) = await crossTenantAccess.ReadInTenantAsync(
            tenant.Id,
            CrossTenantPurposes.TenantUsage,
            async (services, ct) =>
            {
                var tenantExecutor = services.GetRequiredService<IQueryExecutor>();
                var vehicles = await tenantExecutor.CountAsync(services.GetRequiredService<IRepository<Vehicle>>().Query(), ct);
                var users = await tenantExecutor.CountAsync(services.GetRequiredService<UserManager<AppUser>>().Users, ct);
                return (vehicles, users);
            },
            cancellationToken);

        return new TenantUsageDto
        {
            TenantId = tenant.Id,
            VehicleCount = vehicleCount,
            MaxVehicles = tenant.MaxVehicles,
            UserCount = userCount,
            MaxUsers = tenant.MaxUsers,
        };
    }

    /// <summary>
    /// Creates a tenant whose data lives in a database of its own. The database is checked and migrated first. The
    /// tenant row is inserted in a host transaction that stays open while the roles and the admin are created in the
    /// tenant's database, so a failure there leaves no tenant row. The tenant's transaction commits before the host's.
    /// </summary>
    /// <remarks>NOTE: should the host commit itself fail after the tenant's, the roles and admin remain in the tenant's database under an id no tenant has.</remarks>
    private async Task<TenantDto> CreateWithOwnDatabaseAsync(CreateTenantDto input, string connectionString, CancellationToken cancellationToken)
    {
        // The password rules are checked before the database is touched, because a rejected password is the likeliest failure.
        await EnsurePasswordValidAsync(input.AdminPassword);
        var prepared = await tenantDatabases.CheckConnectionStringAsync(connectionString, nameof(CreateTenantDto.ConnectionString), tenantId: null, cancellationToken);
        await tenantDatabases.MigrateAsync(prepared, nameof(CreateTenantDto.ConnectionString), cancellationToken);

        var tenant = await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                var created = new Tenant(Guid.NewGuid(), input.Name);
                created.SetLimits(input.MaxVehicles, input.MaxUsers);
                created.SetProtectedConnectionString(tenantDatabases.Protect(prepared));
                TenantLimitChecker.EnsureUsersAllowed(created, existing: 0, adding: 1);
                tenants.Insert(created);
                await unitOfWork.SaveChangesAsync(ct);

                await tenantDatabases.RunInTenantScopeAsync(
                    created.Id,
                    prepared,
                    (services, innerCt) => services.GetRequiredService<IUnitOfWork>().RunInTransactionAsync(
                        async transactionCt =>
                        {
                            await SeedTenantAsync(
                                created,
                                input,
                                services.GetRequiredService<RoleManager<AppRole>>(),
                                services.GetRequiredService<UserManager<AppUser>>(),
                                services.GetRequiredService<PermissionManagement.StaticRoleSeeder>(),
                                transactionCt);
                            return true;
                        },
                        innerCt),
                    ct);
                return created;
            },
            cancellationToken);

        tenantDatabases.Forget(tenant.Id);
        LogTenantCreatedWithOwnDatabase(logger, tenant.Id);
        return ToDto(tenant);
    }

    private async Task EnsurePasswordValidAsync(string password)
    {
        var probe = new AppUser(Guid.NewGuid(), tenantId: null, "admin", email: null);
        foreach (var validator in userManager.PasswordValidators)
        {
            ThrowIfFailed(await validator.ValidateAsync(userManager, probe, password), nameof(CreateTenantDto.AdminPassword));
        }
    }

    public async Task<IReadOnlyList<FormerTenantNameDto>> GetFormerNamesAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Default, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        await tenants.GetLiveAsync(id, cancellationToken);
        var formerNames = await executor.ToListAsync(
            reservedNames.Query().Where(r => r.TenantId == id).OrderByDescending(r => r.ReservationTime).ThenBy(r => r.NormalizedName),
            cancellationToken);
        return formerNames.Select(r => new FormerTenantNameDto { Name = r.Name, ReservationTime = r.ReservationTime }).ToList();
    }

    public async Task ReleaseFormerNameAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Edit, cancellationToken);
        TenantHostSide.Ensure(currentTenant);
        await tenants.GetLiveAsync(id, cancellationToken);
        var normalized = Tenant.NormalizeName(name);
        var reservation = await executor.FirstOrDefaultAsync(
            reservedNames.Query().Where(r => r.NormalizedName == normalized && r.TenantId == id),
            cancellationToken) ?? throw new EntityNotFoundException(typeof(ReservedTenantName), id);

        reservedNames.Delete(reservation);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogFormerNameReleased(logger, id);
    }

    /// <summary>Creates the tenant's static roles and its admin user, inside the caller's transaction and tenant.</summary>
    private static async Task SeedTenantAsync(
        Tenant tenant,
        CreateTenantDto input,
        RoleManager<AppRole> roleManager,
        UserManager<AppUser> userManager,
        PermissionManagement.StaticRoleSeeder staticRoles,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var role = new AppRole(Guid.NewGuid(), tenant.Id, StaticRoleNames.Admin) { IsStatic = true };
        ThrowIfFailed(await roleManager.CreateAsync(role), nameof(CreateTenantDto.AdminEmail));

        var admin = new AppUser(Guid.NewGuid(), tenant.Id, "admin", input.AdminEmail.Trim());
        ThrowIfFailed(await userManager.CreateAsync(admin, input.AdminPassword), nameof(CreateTenantDto.AdminPassword));
        ThrowIfFailed(await userManager.AddToRoleAsync(admin, StaticRoleNames.Admin), nameof(CreateTenantDto.AdminEmail));
        await staticRoles.SeedCurrentAsync(cancellationToken);
    }

    private static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                [field] = result.Errors.Select(e => e.Description).ToArray(),
            });
        }
    }

    private static TenantDto ToDto(Tenant tenant) => new()
    {
        Id = tenant.Id,
        Name = tenant.Name,
        IsActive = tenant.IsActive,
        MaxVehicles = tenant.MaxVehicles,
        MaxUsers = tenant.MaxUsers,
        CreationTime = tenant.CreationTime,
        IsDeleted = tenant.IsDeleted,
        DeletionTime = tenant.DeletionTime,
        ConcurrencyStamp = tenant.ConcurrencyStamp,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Tenant {TenantId} created with its admin")]
    private static partial void LogTenantCreated(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Tenant {TenantId} created with its admin in a database of its own")]
    private static partial void LogTenantCreatedWithOwnDatabase(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Tenant {TenantId} set active: {IsActive}")]
    private static partial void LogTenantActiveChanged(ILogger logger, Guid tenantId, bool isActive);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Tenant {TenantId} deleted")]
    private static partial void LogTenantDeleted(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "A former name of tenant {TenantId} was released")]
    private static partial void LogFormerNameReleased(ILogger logger, Guid tenantId);
}
