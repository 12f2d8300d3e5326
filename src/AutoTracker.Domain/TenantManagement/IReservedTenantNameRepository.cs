namespace AutoTracker.TenantManagement;

/// <summary>
/// Data access for the former names that renamed tenants keep reserved. Changes are written by
/// <see cref="Domain.IUnitOfWork.SaveChangesAsync"/>, together with the tenant's own changes.
/// </summary>
public interface IReservedTenantNameRepository
{
    IQueryable<ReservedTenantName> Query();

    void Insert(ReservedTenantName reservedName);

    void Delete(ReservedTenantName reservedName);
}
