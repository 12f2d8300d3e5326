using System.Globalization;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.TenantManagement;

/// <summary>
/// Checks the names of new and renamed tenants, and reserves a renamed tenant's former name for it. A name is
/// free unless it is one of the service's own host names, the name of another tenant (deleted ones included) or
/// a former name of another tenant. Every rejection is a <see cref="BusinessException"/> on the field Name.
/// </summary>
public sealed class TenantNameManager(
    IRepository<Tenant> tenants,
    IReservedTenantNameRepository reservedNames,
    IQueryExecutor executor,
    TimeProvider timeProvider)
{
    /// <summary>Throws a <see cref="BusinessException"/> when a new tenant may not take <paramref name="name"/>.</summary>
    public Task EnsureNameFreeAsync(string name, CancellationToken cancellationToken) =>
        CheckNameAsync(name, tenantId: null, cancellationToken);

    /// <summary>
    /// Renames the tenant and reserves its former name for it. Taking back one of its own former names removes
    /// that reservation. The caller's next save writes the tenant and the reservations together.
    /// </summary>
    public async Task RenameAsync(Tenant tenant, string name, CancellationToken cancellationToken)
    {
        var ownReservation = await CheckNameAsync(name, tenant.Id, cancellationToken);
        var formerName = tenant.Name;
        var formerNormalizedName = tenant.NormalizedName;
        tenant.Rename(name);

        // A change of letter case keeps the name, so there is nothing to reserve.
        if (string.Equals(tenant.NormalizedName, formerNormalizedName, StringComparison.Ordinal))
        {
            return;
        }

        reservedNames.Insert(new ReservedTenantName(formerName, tenant.Id, timeProvider.GetUtcNow().UtcDateTime));
        if (ownReservation is not null)
        {
            reservedNames.Delete(ownReservation);
        }
    }

    /// <summary>
    /// Throws when the tenant <paramref name="tenantId"/>, or a new tenant when it is null, may not take the name.
    /// Returns the tenant's own reservation of the name, which it may take back, or null.
    /// </summary>
    private async Task<ReservedTenantName?> CheckNameAsync(string name, Guid? tenantId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();

        // Labels with "--" in the third and fourth places are reserved in DNS; "xn--" ones are punycode, which
        // browsers show as Unicode look-alikes of other tenants' names.
        if (TenantConsts.ReservedNames.Contains(trimmed) || (trimmed.Length >= 4 && trimmed[2] == '-' && trimmed[3] == '-'))
        {
            throw new BusinessException(ErrorCodes.TenantNameReserved, $"The tenant name '{trimmed}' is reserved; choose another.", nameof(Tenant.Name));
        }

        var normalized = Tenant.NormalizeName(name);

        // Deleted tenants keep their names, so that no one can take over a former customer's subdomain.
        var holder = await executor.FirstOrDefaultAsync(
            tenants.Query().Where(t => t.NormalizedName == normalized && t.Id != tenantId),
            cancellationToken);
        if (holder is { IsDeleted: true })
        {
            throw new BusinessException(
                ErrorCodes.TenantNameDuplicate,
                $"The tenant name '{trimmed}' belongs to a tenant that was deleted on {FormatTime(holder.DeletionTime)}. Names of deleted tenants stay reserved, so choose another name.",
                nameof(Tenant.Name));
        }

        if (holder is not null)
        {
            throw new BusinessException(ErrorCodes.TenantNameDuplicate, $"The tenant name '{trimmed}' is already taken.", nameof(Tenant.Name));
        }

        // The reservations are read after the tenants. A rename moves its former name from the tenant row to this
        // table in one transaction, so at least one of the two reads finds the name.
        var reservation = await executor.FirstOrDefaultAsync(reservedNames.Query().Where(r => r.NormalizedName == normalized), cancellationToken);
        if (reservation is null || reservation.TenantId == tenantId)
        {
            return reservation;
        }

        var formerHolder = await executor.FirstOrDefaultAsync(tenants.Query().Where(t => t.Id == reservation.TenantId), cancellationToken);
        throw new BusinessException(ErrorCodes.TenantNameReserved, DescribeFormerName(trimmed, formerHolder), nameof(Tenant.Name));
    }

    private static string DescribeFormerName(string name, Tenant? formerHolder) => formerHolder switch
    {
        null => $"The tenant name '{name}' is a former name of another tenant and stays reserved. Choose another name.",
        { IsDeleted: true } => $"The tenant name '{name}' is a former name of tenant '{formerHolder.Name}', which was deleted on {FormatTime(formerHolder.DeletionTime)}. Names of deleted tenants stay reserved, so choose another name.",
        _ => $"The tenant name '{name}' is a former name of tenant '{formerHolder.Name}', which keeps it reserved. Choose another name, or release the name from that tenant's former names first.",
    };

    private static string FormatTime(DateTime? utcTime) =>
        utcTime is { } time ? time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "an unknown date";
}
