namespace AutoTracker.MultiTenancy;

/// <summary>
/// The stored connection string of a tenant's own database cannot be decrypted, because the Data Protection key
/// that encrypted it is not in the key ring. The tenant cannot be served until the key returns or a host admin
/// saves a new connection string.
/// </summary>
public sealed class TenantConnectionStringUnreadableException(Guid tenantId, Exception? inner = null)
    : Exception(
        $"The database connection string of tenant {tenantId} cannot be decrypted. The Data Protection key that encrypted it is not in the key ring.",
        inner)
{
    public Guid TenantId { get; } = tenantId;
}
