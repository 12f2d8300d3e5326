using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// Before every save: stamps the current tenant on inserted <see cref="IMultiTenant"/> rows and rejects any
/// change of an existing row's tenant; sets creation and modification times; renews the concurrency stamp
/// of every changed aggregate.
/// </summary>
public sealed class AuditPropertiesInterceptor(ICurrentTenant currentTenant, TimeProvider timeProvider) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Apply(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is IMultiTenant)
            {
                GuardTenant(entry);
            }

            if (entry.Entity is AggregateRoot aggregate)
            {
                StampAggregate(entry, aggregate, now);
            }
        }
    }

    private void GuardTenant(EntityEntry entry)
    {
        var property = entry.Property(nameof(IMultiTenant.TenantId));
        if (entry.State == EntityState.Added)
        {
            // A row is always created in the tenant of the operation, whatever the caller put in it.
            property.CurrentValue = currentTenant.Id;
            return;
        }

        if (entry.State == EntityState.Modified && !Equals(property.OriginalValue, property.CurrentValue))
        {
            throw new BusinessException(ErrorCodes.TenantChangeForbidden, "The tenant of an existing record cannot be changed.");
        }

        if (entry.State is EntityState.Modified or EntityState.Deleted && !Equals(property.OriginalValue, currentTenant.Id))
        {
            throw new BusinessException(ErrorCodes.TenantChangeForbidden, "A record of another tenant cannot be changed.");
        }
    }

    private static void StampAggregate(EntityEntry entry, AggregateRoot aggregate, DateTime now)
    {
        if (entry.State == EntityState.Added)
        {
            aggregate.CreationTime = now;
            return;
        }

        if (entry.State == EntityState.Modified || HasChangedOwnedEntries(entry))
        {
            if (entry.State == EntityState.Unchanged)
            {
                entry.State = EntityState.Modified;
            }

            aggregate.LastModificationTime = now;
            aggregate.ConcurrencyStamp = AggregateRoot.NewConcurrencyStamp();
        }
    }

    private static bool HasChangedOwnedEntries(EntityEntry entry) =>
        entry.Navigations.Any(n => n.Metadata.TargetEntityType.IsOwned() && n.IsModified);
}
