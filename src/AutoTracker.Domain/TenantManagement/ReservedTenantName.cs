using AutoTracker.MultiTenancy;

namespace AutoTracker.TenantManagement;

/// <summary>
/// A former name of a renamed tenant. It stays reserved for that tenant, so that no other tenant can take over
/// the subdomain, bookmarks and e-mail links that still carry it, until a host admin releases it.
/// </summary>
public sealed class ReservedTenantName : IHostOnly
{
    private ReservedTenantName()
    {
        Name = string.Empty;
        NormalizedName = string.Empty;
    }

    public ReservedTenantName(string name, Guid tenantId, DateTime reservationTime)
    {
        Name = name.Trim();
        NormalizedName = Tenant.NormalizeName(name);
        TenantId = tenantId;
        ReservationTime = reservationTime;
    }

    /// <summary>The name as the tenant spelled it.</summary>
    public string Name { get; private set; }

    /// <summary>The key: <see cref="Tenant.NormalizeName"/> of <see cref="Name"/>.</summary>
    public string NormalizedName { get; private set; }

    /// <summary>The tenant that carried the name; it may take the name back.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>UTC time of the rename that reserved the name.</summary>
    public DateTime ReservationTime { get; private set; }
}
