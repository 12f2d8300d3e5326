namespace AutoTracker.MultiTenancy;

/// <summary>An entity owned by a tenant. A null <see cref="TenantId"/> means the host owns it.</summary>
public interface IMultiTenant
{
    Guid? TenantId { get; }
}

/// <summary>The tenant the current operation runs for; the one way code learns it.</summary>
public interface ICurrentTenant
{
    Guid? Id { get; }

    string? Name { get; }

    /// <summary>True when the operation runs for a tenant, false on the host side.</summary>
    bool IsAvailable { get; }

    /// <summary>Switches to another tenant (or the host, with null) until the returned scope is disposed.</summary>
    IDisposable Change(Guid? id, string? name = null);
}

/// <summary>
/// An entity of the host side only, such as a tenant. Its table exists in the host database alone: tenant
/// databases are migrated without it, so a query for it through a tenant's database fails instead of returning nothing.
/// </summary>
public interface IHostOnly;
