using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace AutoTracker.TenantManagement;

/// <summary>
/// Tenant administration on the host side. The HTTP layer admits host admins only. The service also rejects calls
/// made inside a tenant, so that a wiring mistake cannot let a tenant user manage tenants.
/// </summary>
public sealed partial class TenantAppService(
    IRepository<Tenant> tenants,
    IPermissionChecker permissions,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    PermissionManagement.StaticRoleSeeder staticRoles,
    ICurrentTenant currentTenant,
    TimeProvider timeProvider,
    ILogger<TenantAppService> logger) : ITenantAppService
{
    public async Task<PagedResult<TenantDto>> GetListAsync(GetTenantListInput input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Default, cancellationToken);
        EnsureHostSide();
        InputValidator.Validate(input);

        var query = tenants.Query().Where(t => !t.IsDeleted);
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
        EnsureHostSide();
        return ToDto(await GetLiveAsync(id, cancellationToken));
    }

    public async Task<TenantDto> CreateAsync(CreateTenantDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Create, cancellationToken);
        EnsureHostSide();
        InputValidator.Validate(input);
        await EnsureNameFreeAsync(input.Name, exceptId: null, cancellationToken);

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
                    await SeedTenantAsync(created, input, ct);
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
        EnsureHostSide();
        InputValidator.Validate(input);

        var tenant = await GetLiveAsync(id, cancellationToken);
        tenants.ExpectConcurrencyStamp(tenant, input.ConcurrencyStamp);
        await EnsureNameFreeAsync(input.Name, exceptId: id, cancellationToken);
        tenant.Rename(input.Name);
        tenant.SetLimits(input.MaxVehicles, input.MaxUsers);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return ToDto(tenant);
    }

    public async Task<TenantDto> SetActiveAsync(Guid id, bool isActive, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(TenantManagementPermissions.Tenants.Edit, cancellationToken);
        EnsureHostSide();
        var tenant = await GetLiveAsync(id, cancellationToken);
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
        EnsureHostSide();
        var tenant = await GetLiveAsync(id, cancellationToken);
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

    /// <summary>Creates the tenant's static roles and its admin user, inside the caller's transaction and tenant.</summary>
    private async Task SeedTenantAsync(Tenant tenant, CreateTenantDto input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var role = new AppRole(Guid.NewGuid(), tenant.Id, StaticRoleNames.Admin) { IsStatic = true };
        ThrowIfFailed(await roleManager.CreateAsync(role), nameof(CreateTenantDto.AdminEmail));

        var admin = new AppUser(Guid.NewGuid(), tenant.Id, "admin", input.AdminEmail.Trim());
        ThrowIfFailed(await userManager.CreateAsync(admin, input.AdminPassword), nameof(CreateTenantDto.AdminPassword));
        ThrowIfFailed(await userManager.AddToRoleAsync(admin, StaticRoleNames.Admin), nameof(CreateTenantDto.AdminEmail));
        await staticRoles.SeedCurrentAsync(cancellationToken);
    }

    private async Task EnsureNameFreeAsync(string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();

        // Labels with "--" in the third and fourth places are reserved in DNS; "xn--" ones are punycode, which
        // browsers show as Unicode look-alikes of other tenants' names.
        if (TenantConsts.ReservedNames.Contains(trimmed) || (trimmed.Length >= 4 && trimmed[2] == '-' && trimmed[3] == '-'))
        {
            throw new BusinessException(ErrorCodes.TenantNameReserved, $"The tenant name '{trimmed}' is reserved; choose another.", nameof(CreateTenantDto.Name));
        }

        var normalized = Tenant.NormalizeName(name);

        // Deleted tenants keep their names, so that no one can take over a former customer's subdomain.
        var nameTaken = await executor.AnyAsync(
            tenants.Query().Where(t => t.NormalizedName == normalized && t.Id != exceptId),
            cancellationToken);
        if (nameTaken)
        {
            throw new BusinessException(ErrorCodes.TenantNameDuplicate, $"The tenant name '{name.Trim()}' is already taken.", nameof(CreateTenantDto.Name));
        }
    }

    /// <summary>Loads a tenant that is not deleted; a deleted one looks as if it did not exist.</summary>
    private async Task<Tenant> GetLiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(id, cancellationToken);
        return tenant.IsDeleted ? throw new EntityNotFoundException(typeof(Tenant), id) : tenant;
    }

    private void EnsureHostSide()
    {
        if (currentTenant.Id is not null)
        {
            throw new EntityNotFoundException(typeof(Tenant), Guid.Empty);
        }
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
        ConcurrencyStamp = tenant.ConcurrencyStamp,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Tenant {TenantId} created with its admin")]
    private static partial void LogTenantCreated(ILogger logger, Guid tenantId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Tenant {TenantId} set active: {IsActive}")]
    private static partial void LogTenantActiveChanged(ILogger logger, Guid tenantId, bool isActive);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Tenant {TenantId} deleted")]
    private static partial void LogTenantDeleted(ILogger logger, Guid tenantId);
}
