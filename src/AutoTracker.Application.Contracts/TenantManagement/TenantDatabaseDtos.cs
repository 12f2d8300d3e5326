using System.ComponentModel.DataAnnotations;

namespace AutoTracker.TenantManagement;

/// <summary>Where a tenant's data lives. The connection string is shown masked: its password never leaves the server.</summary>
public sealed class TenantDatabaseDto
{
    public Guid TenantId { get; init; }

    /// <summary>True when the tenant's data lives in a database of its own, false for the shared database.</summary>
    public bool HasOwnDatabase { get; init; }

    /// <summary>
    /// The own database's connection string with its password masked, or null for the shared database and for a
    /// string that cannot be decrypted.
    /// </summary>
    public string? MaskedConnectionString { get; init; }

    /// <summary>
    /// True when the stored connection string cannot be decrypted, because the Data Protection key that encrypted
    /// it is missing. The tenant cannot be served until a host admin saves a new connection string.
    /// </summary>
    public bool IsConnectionStringUnreadable { get; init; }

    /// <summary>The tenant's concurrency stamp, which a change of the database sends back.</summary>
    public string ConcurrencyStamp { get; init; } = string.Empty;
}

/// <summary>Moves the tenant to its own database, or back to the shared one with an empty connection string. Data is not copied.</summary>
public sealed class UpdateTenantDatabaseDto
{
    /// <summary>The own database's connection string, or null or empty for the shared database.</summary>
    [StringLength(MultiTenancy.TenantConsts.MaxConnectionStringLength)]
    public string? ConnectionString { get; set; }

    [Required]
    [StringLength(AutoTracker.Vehicles.VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class TestTenantDatabaseDto
{
    [Required]
    [StringLength(MultiTenancy.TenantConsts.MaxConnectionStringLength)]
    public string ConnectionString { get; set; } = string.Empty;
}

public sealed class TenantDatabaseTestResultDto
{
    /// <summary>A short message for the host admin; failures come as validation errors on connectionString instead.</summary>
    public string Message { get; init; } = string.Empty;
}

/// <summary>A tenant's size against its limits, read inside the tenant and recorded as a cross-tenant access.</summary>
public sealed class TenantUsageDto
{
    public Guid TenantId { get; init; }

    public int VehicleCount { get; init; }

    public int? MaxVehicles { get; init; }

    public int UserCount { get; init; }

    public int? MaxUsers { get; init; }
}

/// <summary>The database of each tenant, for host admins only: shown masked, changed with a connection test first.</summary>
public interface ITenantDatabaseAppService
{
    Task<TenantDatabaseDto> GetAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Checks and connects, migrates the new database and creates the tenant's static roles there, then stores the
    /// encrypted connection string. The tenant's data is not copied: move it first, while the tenant is deactivated.
    /// </summary>
    Task<TenantDatabaseDto> UpdateAsync(Guid tenantId, UpdateTenantDatabaseDto input, CancellationToken cancellationToken);

    /// <summary>Checks a connection string and connects with it; nothing is stored.</summary>
    Task<TenantDatabaseTestResultDto> TestConnectionAsync(TestTenantDatabaseDto input, CancellationToken cancellationToken);
}
