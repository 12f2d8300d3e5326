using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.Vehicles;

namespace AutoTracker.TenantManagement;

/// <summary>
/// Enforces the host's per-tenant limits on vehicles and users before records are added. The check counts and
/// then inserts, so parallel requests can pass it together.
/// </summary>
/// <remarks>NOTE: parallel creates can exceed a limit by the number of requests in flight.</remarks>
public sealed class TenantLimitChecker(
    IRepository<Tenant> tenants,
    IRepository<Vehicle> vehicles,
    IQueryExecutor executor,
    ICurrentTenant currentTenant)
{
    /// <summary>Throws a <see cref="BusinessException"/> when <paramref name="adding"/> more vehicles would pass the current tenant's limit.</summary>
    public async Task EnsureVehiclesAllowedAsync(int adding, CancellationToken cancellationToken)
    {
        if (await LimitsAsync(cancellationToken) is not { MaxVehicles: { } max })
        {
            return;
        }

        var count = await executor.CountAsync(vehicles.Query(), cancellationToken);
        if (count + adding > max)
        {
            throw new BusinessException(
                ErrorCodes.VehicleLimitReached,
                $"This tenant may keep at most {max} vehicles and has {count}; ask the operator to raise the limit.");
        }
    }

    /// <summary>Throws a <see cref="BusinessException"/> when <paramref name="adding"/> more users would pass the tenant's limit.</summary>
    public static void EnsureUsersAllowed(Tenant tenant, int existing, int adding)
    {
        if (tenant.MaxUsers is { } max && existing + adding > max)
        {
            throw new BusinessException(
                ErrorCodes.UserLimitReached,
                $"This tenant may have at most {max} users and has {existing}; ask the operator to raise the limit.",
                nameof(Tenant.MaxUsers));
        }
    }

    private async Task<Tenant?> LimitsAsync(CancellationToken cancellationToken)
    {
        if (currentTenant.Id is not { } tenantId)
        {
            return null;
        }

        return await executor.FirstOrDefaultAsync(tenants.Query().Where(t => t.Id == tenantId), cancellationToken);
    }
}
