using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.TenantManagement;

/// <summary>The checks that every host-side tenant service runs before it touches a tenant.</summary>
internal static class TenantHostSide
{
    /// <summary>
    /// Throws not-found when called inside a tenant. The HTTP layer admits host users only, so this stops a wiring
    /// mistake from letting a tenant user manage tenants.
    /// </summary>
    public static void Ensure(ICurrentTenant currentTenant)
    {
        if (currentTenant.Id is not null)
        {
            throw new EntityNotFoundException(typeof(Tenant), Guid.Empty);
        }
    }

    /// <summary>Loads a tenant that is not deleted; a deleted one looks as if it did not exist.</summary>
    public static async Task<Tenant> GetLiveAsync(this IRepository<Tenant> tenants, Guid id, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(id, cancellationToken);
        return tenant.IsDeleted ? throw new EntityNotFoundException(typeof(Tenant), id) : tenant;
    }
}
