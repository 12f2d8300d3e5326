using System.ComponentModel.DataAnnotations;
using AutoTracker.Application;

namespace AutoTracker.Identity;

public sealed class IdentityRoleDto
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>True for a role that every new user of the tenant gets.</summary>
    public bool IsDefault { get; init; }

    /// <summary>True for a seeded role, which cannot be renamed or deleted.</summary>
    public bool IsStatic { get; init; }

    /// <summary>Number of users in the role, filled in lists only and null elsewhere.</summary>
    public int? UserCount { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

/// <summary>A new role of the current tenant. The tenant, the id and the static flag are not inputs.</summary>
public sealed class CreateRoleDto
{
    [Required]
    [StringLength(RoleConsts.MaxNameLength)]
    [RegularExpression(RoleConsts.NamePattern, ErrorMessage = RoleConsts.NamePatternMessage)]
    public string Name { get; set; } = string.Empty;

    public bool IsDefault { get; set; }
}

/// <summary>A rename and the default flag. A static role keeps its name, so for one the name must stay as it is.</summary>
public sealed class UpdateRoleDto
{
    [Required]
    [StringLength(RoleConsts.MaxNameLength)]
    [RegularExpression(RoleConsts.NamePattern, ErrorMessage = RoleConsts.NamePatternMessage)]
    public string Name { get; set; } = string.Empty;

    public bool IsDefault { get; set; }

    [Required]
    [StringLength(256)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class GetRoleListInput : PagedRequest
{
    /// <summary>Part of the role name, compared case-insensitively.</summary>
    [StringLength(RoleConsts.MaxNameLength)]
    public string? Filter { get; set; }

    /// <summary>The order: <c>name</c> (the default), <c>name desc</c>, <c>userCount</c> or <c>userCount desc</c>.</summary>
    [StringLength(32)]
    public string? Sorting { get; set; }
}

/// <summary>
/// Roles of the current tenant, or of the host for host users. Renaming a role moves its grants, and deleting one
/// removes its grants and memberships, each in one transaction.
/// </summary>
public interface IRoleAppService
{
    Task<PagedResult<IdentityRoleDto>> GetListAsync(GetRoleListInput input, CancellationToken cancellationToken);

    /// <summary>Lists every role of the current tenant by name, for choosing roles, without member counts.</summary>
    Task<IReadOnlyList<IdentityRoleDto>> GetAllAsync(CancellationToken cancellationToken);

    Task<IdentityRoleDto> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<IdentityRoleDto> CreateAsync(CreateRoleDto input, CancellationToken cancellationToken);

    Task<IdentityRoleDto> UpdateAsync(Guid id, UpdateRoleDto input, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);
}
