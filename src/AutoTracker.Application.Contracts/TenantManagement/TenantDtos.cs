using System.ComponentModel.DataAnnotations;
using AutoTracker.Application;
using AutoTracker.MultiTenancy;

namespace AutoTracker.TenantManagement;

public sealed class TenantDto
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public bool IsActive { get; init; }

    public int? MaxVehicles { get; init; }

    public int? MaxUsers { get; init; }

    public DateTime CreationTime { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

/// <summary>A new tenant with its first admin, who signs in with the given e-mail address or the user name admin.</summary>
public sealed class CreateTenantDto
{
    [Required]
    [StringLength(TenantConsts.MaxNameLength)]
    [RegularExpression(TenantConsts.NamePattern, ErrorMessage = "The tenant name may contain only letters, digits and inner hyphens, as a subdomain can.")]
    public string Name { get; set; } = string.Empty;

    [Required]
    [StringLength(256)]
    [EmailAddress]
    public string AdminEmail { get; set; } = string.Empty;

    /// <summary>Initial password of the tenant's admin; the password rules of every user apply.</summary>
    [Required]
    [StringLength(128)]
    public string AdminPassword { get; set; } = string.Empty;

    [Range(0, TenantConsts.MaxLimit)]
    public int? MaxVehicles { get; set; }

    [Range(1, TenantConsts.MaxLimit)]
    public int? MaxUsers { get; set; }

    /// <summary>
    /// The connection string of a database of the tenant's own, or null for the shared database. The database must
    /// exist and be empty or hold AutoTracker's tables; it is migrated before the tenant is created.
    /// </summary>
    [StringLength(TenantConsts.MaxConnectionStringLength)]
    public string? ConnectionString { get; set; }
}

public sealed class UpdateTenantDto
{
    [Required]
    [StringLength(TenantConsts.MaxNameLength)]
    [RegularExpression(TenantConsts.NamePattern, ErrorMessage = "The tenant name may contain only letters, digits and inner hyphens, as a subdomain can.")]
    public string Name { get; set; } = string.Empty;

    [Range(0, TenantConsts.MaxLimit)]
    public int? MaxVehicles { get; set; }

    [Range(1, TenantConsts.MaxLimit)]
    public int? MaxUsers { get; set; }

    [Required]
    [StringLength(AutoTracker.Vehicles.VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class GetTenantListInput : PagedRequest
{
    /// <summary>Start of the tenant name, compared case-insensitively.</summary>
    [StringLength(TenantConsts.MaxNameLength)]
    public string? Search { get; set; }
}

/// <summary>Tenant administration, for host admins only. Every tenant-owned query here runs on the host side.</summary>
public interface ITenantAppService
{
    Task<PagedResult<TenantDto>> GetListAsync(GetTenantListInput input, CancellationToken cancellationToken);

    Task<TenantDto> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the tenant, its static roles and its admin: on any failure nothing of it remains. In the shared database
    /// that is one transaction; with a database of its own, the tenant row is committed after its roles and admin.
    /// </summary>
    Task<TenantDto> CreateAsync(CreateTenantDto input, CancellationToken cancellationToken);

    Task<TenantDto> UpdateAsync(Guid id, UpdateTenantDto input, CancellationToken cancellationToken);

    Task<TenantDto> SetActiveAsync(Guid id, bool isActive, CancellationToken cancellationToken);

    /// <summary>Soft-deletes the tenant; <paramref name="confirmName"/> must repeat its name.</summary>
    Task DeleteAsync(Guid id, string? confirmName, CancellationToken cancellationToken);

    /// <summary>Counts the tenant's vehicles and users, reading inside the tenant; each call is recorded as a cross-tenant access.</summary>
    Task<TenantUsageDto> GetUsageAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>Authorization policies of tenant administration.</summary>
public static class TenantManagementPolicies
{
    /// <summary>Signed in on the host side (no tenant). Every host user passes until roles and permissions exist.</summary>
    public const string HostAdministration = "TenantManagement.HostAdministration";
}
