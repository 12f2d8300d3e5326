namespace AutoTracker.Settings;

/// <summary>
/// Reads setting values through the distributed cache, so that a cached read costs no database query. The database
/// layer implements it; every change must go through <see cref="InvalidateAsync"/>.
/// </summary>
public interface ISettingProvider
{
    /// <summary>The settings in force for the current tenant, or for the host when no tenant is current.</summary>
    Task<EffectiveSettings> GetEffectiveAsync(CancellationToken cancellationToken);

    /// <summary>The host defaults as stored (setting name to value), read from the host database.</summary>
    Task<IReadOnlyDictionary<string, string>> GetHostDefaultsAsync(CancellationToken cancellationToken);

    /// <summary>The current tenant's overrides as stored; empty on the host side.</summary>
    Task<IReadOnlyDictionary<string, string>> GetTenantOverridesAsync(CancellationToken cancellationToken);

    /// <summary>Drops the cached values of a tenant (or, with null, the host defaults) on every node that shares the cache.</summary>
    Task InvalidateAsync(Guid? tenantId, CancellationToken cancellationToken);
}

/// <summary>
/// Moves the current tenant's overrides stored in the host database (written there by the migration that moved
/// the economy unit off the tenants table, or while the tenant used the shared database) into the tenant's own database.
/// </summary>
public interface ITenantSettingRelocation
{
    /// <summary>Returns the number of rows moved; 0 when the scope is on the host database or nothing is left there.</summary>
    Task<int> MoveToTenantDatabaseAsync(CancellationToken cancellationToken);
}
