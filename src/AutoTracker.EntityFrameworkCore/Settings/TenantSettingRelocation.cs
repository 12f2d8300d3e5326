using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.MultiTenancy;
using AutoTracker.Settings;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore.Settings;

/// <summary>
/// Copies the overrides into the scope's tenant database, where a value the tenant database already has wins, then
/// deletes them from the host database. A failure between the two saves leaves copies in both, and the next run
/// only deletes the host's.
/// </summary>
public sealed class TenantSettingRelocation(
    AutoTrackerDbContext scopeContext,
    HostDatabase hostDatabase,
    TenantDatabaseBinding binding,
    ICurrentTenant currentTenant,
    ISettingProvider provider) : ITenantSettingRelocation
{
    public async Task<int> MoveToTenantDatabaseAsync(CancellationToken cancellationToken)
    {
        if (currentTenant.Id is not { } tenantId || binding.IsHostDatabase)
        {
            return 0;
        }

        var hostRows = await hostDatabase.Context.SettingValues.ToListAsync(cancellationToken);
        if (hostRows.Count == 0)
        {
            return 0;
        }

        var present = await scopeContext.SettingValues.Select(s => s.Name).ToListAsync(cancellationToken);
        foreach (var row in hostRows.Where(r => !present.Contains(r.Name)))
        {
            scopeContext.SettingValues.Add(new SettingValue(Guid.NewGuid(), row.Name, row.Value));
        }

        await scopeContext.SaveChangesAsync(cancellationToken);
        hostDatabase.Context.SettingValues.RemoveRange(hostRows);
        await hostDatabase.Context.SaveChangesAsync(cancellationToken);
        await provider.InvalidateAsync(tenantId, cancellationToken);
        return hostRows.Count;
    }
}
