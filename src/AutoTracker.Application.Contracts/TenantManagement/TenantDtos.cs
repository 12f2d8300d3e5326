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

    /// <summary>Creates the tenant, its static roles and its admin in one transaction: on any failure nothing of it remains.</summary>
    Task<TenantDto> CreateAsync(CreateTenantDto input, CancellationToken cancellationToken);

    Task<TenantDto> UpdateAsync(Guid id, UpdateTenantDto input, CancellationToken cancellationToken);

    Task<TenantDto> SetActiveAsync(Guid id, bool isActive, CancellationToken cancellationToken);

    /// <summary>Soft-deletes the tenant; <paramref name="confirmName"/> must repeat its name.</summary>
    Task DeleteAsync(Guid id, string? confirmName, CancellationToken cancellationToken);
}
