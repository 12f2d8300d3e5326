using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoTracker.PermissionManagement;

/// <summary>
/// Creates the static roles with their default grants (see <see cref="StaticRoleGrants"/>) and grants the admin
/// role every permission of its side that it lacks, so that permissions added by a later release reach existing
/// admins at the next seed. Running it again changes nothing else.
/// </summary>
public sealed partial class StaticRoleSeeder(
    RoleManager<AppRole> roleManager,
    PermissionDefinitionManager definitions,
    PermissionGrantStore grants,
    PermissionGrantCache cache,
    IUnitOfWork unitOfWork,
    ICurrentTenant currentTenant,
    IRepository<Tenant> tenants,
    IQueryExecutor executor,
    IServiceScopeFactory scopes,
    ILogger<StaticRoleSeeder> logger)
{
    /// <summary>
    /// Seeds the host and then every tenant in the shared database that is not deleted, each tenant in a DI scope of
    /// its own. Tenants with a database of their own are seeded by <c>DatabaseInitializer</c> after their database is migrated.
    /// </summary>
    public async Task SeedHostAndTenantsAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenantIds;
        using (currentTenant.Change(null))
        {
            await SeedCurrentAsync(cancellationToken);
            tenantIds = await executor.ToListAsync(tenants.Query().Where(t => !t.IsDeleted && t.ProtectedConnectionString == null).OrderBy(t => t.Id).Select(t => t.Id), cancellationToken);
        }

        foreach (var tenantId in tenantIds)
        {
            // A scope per tenant, so that the tenant's DbContext is created while the tenant is current.
            await using var scope = scopes.CreateAsyncScope();
            using (scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Change(tenantId))
            {
                await scope.ServiceProvider.GetRequiredService<StaticRoleSeeder>().SeedCurrentAsync(cancellationToken);
            }
        }
    }

    /// <summary>Seeds the static roles of the current tenant, or of the host when no tenant is current.</summary>
    public async Task SeedCurrentAsync(CancellationToken cancellationToken)
    {
        var side = currentTenant.Id is null ? MultiTenancySides.Host : MultiTenancySides.Tenant;
        IReadOnlyList<string> roleNames = side == MultiTenancySides.Host ? [StaticRoleNames.Admin] : StaticRoleGrants.TenantRoles;
        var changed = false;
        foreach (var roleName in roleNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (role, created) = await EnsureRoleAsync(roleName);
            var names = roleName == StaticRoleNames.Admin
                ? definitions.AllOn(side).Select(p => p.Name)
                : created ? StaticRoleGrants.Defaults[roleName].Where(n => definitions.Get(n).ExistsOn(side)) : [];

            // Grants name the role as its claims do, so an existing role keeps the spelling it was created with.
            var added = await grants.AddMissingAsync(PermissionProviderNames.Role, role.Name!, names, cancellationToken);
            if (added.Count > 0)
            {
                LogGranted(logger, added.Count, roleName, currentTenant.Id);
                changed = true;
            }
        }

        if (changed)
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
            await cache.InvalidateAsync(currentTenant.Id, cancellationToken);
        }
    }

    /// <summary>Returns the role, created unless it exists, and whether it was created.</summary>
    private async Task<(AppRole Role, bool Created)> EnsureRoleAsync(string roleName)
    {
        if (await roleManager.FindByNameAsync(roleName) is { } existing)
        {
            return (existing, false);
        }

        var role = new AppRole(Guid.NewGuid(), currentTenant.Id, roleName) { IsStatic = true };
        var result = await roleManager.CreateAsync(role);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding the {roleName} role failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        LogRoleCreated(logger, role.Id, currentTenant.Id);
        return (role, true);
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Seed created static role {RoleId} in tenant {TenantId}")]
    private static partial void LogRoleCreated(ILogger logger, Guid roleId, Guid? tenantId);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "Seed granted {Count} permissions to static role {RoleName} in tenant {TenantId}")]
    private static partial void LogGranted(ILogger logger, int count, string roleName, Guid? tenantId);
}
