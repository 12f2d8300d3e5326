using AutoTracker.TenantManagement;

namespace AutoTracker.EntityFrameworkCore.TenantManagement;

public sealed class EfReservedTenantNameRepository(AutoTrackerDbContext dbContext) : IReservedTenantNameRepository
{
    public IQueryable<ReservedTenantName> Query() => dbContext.ReservedTenantNames;

    public void Insert(ReservedTenantName reservedName) => dbContext.ReservedTenantNames.Add(reservedName);

    public void Delete(ReservedTenantName reservedName) => dbContext.ReservedTenantNames.Remove(reservedName);
}
