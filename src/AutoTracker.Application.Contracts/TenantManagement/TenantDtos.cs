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

    /// <summary>True for a deleted tenant, which lists show only on request and which can no longer be changed.</summary>
    public bool IsDeleted { get; init; }

    /// <summary>UTC time of the deletion, or null for a tenant that is not deleted.</summary>
    public DateTime? DeletionTime { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

/// <summary>A former name of a renamed tenant. No other tenant can take it until a host admin releases it.</summary>
public sealed class FormerTenantNameDto
{
    public string Name { get; init; } = string.Empty;

    /// <summary>UTC time of the rename that reserved the name.</summary>
    public DateTime ReservationTime { get; init; }
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

    /// <summary>Lists deleted tenants too, marked by <see cref="TenantDto.IsDeleted"/>.</summary>
    public bool IncludeDeleted { get; set; }
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

    /// <summary>
    /// Renames the tenant and sets its limits. A rename reserves the former name for the tenant, and taking back one of
    /// its own former names releases that reservation.
    /// </summary>
    Task<TenantDto> UpdateAsync(Guid id, UpdateTenantDto input, CancellationToken cancellationToken);

    Task<TenantDto> SetActiveAsync(Guid id, bool isActive, CancellationToken cancellationToken);

    /// <summary>Soft-deletes the tenant; <paramref name="confirmName"/> must repeat its name.</summary>
    Task DeleteAsync(Guid id, string? confirmName, CancellationToken cancellationToken);

    /// <summary>Counts the tenant's vehicles and users, reading inside the tenant; each call is recorded as a cross-tenant access.</summary>
    Task<TenantUsageDto> GetUsageAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Lists the former names of a tenant that is not deleted, newest first.</summary>
    Task<IReadOnlyList<FormerTenantNameDto>> GetFormerNamesAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Releases a former name of a tenant that is not deleted, so that any tenant can take it again.</summary>
    Task ReleaseFormerNameAsync(Guid id, string name, CancellationToken cancellationToken);
}
