using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Identity;

public sealed class OrganizationUnitDto
{
    public Guid Id { get; init; }

    public Guid? ParentId { get; init; }

    /// <summary>Materialized path such as 00001.00003; sorting by it lists the tree depth first.</summary>
    public string Code { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    /// <summary>Level in the tree; a root unit is at depth 1.</summary>
    public int Depth { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

public sealed class CreateOrganizationUnitDto
{
    /// <summary>The unit to create the new one under; null creates a root unit.</summary>
    public Guid? ParentId { get; set; }

    [Required]
    [StringLength(OrganizationUnitConsts.MaxDisplayNameLength)]
    public string DisplayName { get; set; } = string.Empty;
}

public sealed class UpdateOrganizationUnitDto
{
    [Required]
    [StringLength(OrganizationUnitConsts.MaxDisplayNameLength)]
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The stamp read with the unit; the update fails with a conflict if the unit changed since.</summary>
    [Required]
    [StringLength(Vehicles.VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class MoveOrganizationUnitDto
{
    /// <summary>The new parent; null makes the unit a root. It may not be the unit itself or a unit below it.</summary>
    public Guid? NewParentId { get; set; }

    [Required]
    [StringLength(Vehicles.VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class OrganizationUnitMemberDto
{
    public Guid Id { get; init; }

    public string UserName { get; init; } = string.Empty;

    public string? Email { get; init; }
}

public sealed class OrganizationUnitRoleDto
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;
}

public sealed class AddOrganizationUnitMembersDto
{
    /// <summary>Users of the tenant to add; users who are members already are skipped.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(OrganizationUnitConsts.MaxIdsPerRequest)]
    public List<Guid> UserIds { get; set; } = [];
}

public sealed class AddOrganizationUnitRolesDto
{
    /// <summary>Roles of the tenant to give the unit's members; roles the unit has already are skipped.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(OrganizationUnitConsts.MaxIdsPerRequest)]
    public List<Guid> RoleIds { get; set; } = [];
}

/// <summary>Organization units of the current tenant: the tree, its members and the roles it gives them.</summary>
public interface IOrganizationUnitAppService
{
    /// <summary>Returns every unit of the tenant, sorted by code, so parents come before their children.</summary>
    Task<IReadOnlyList<OrganizationUnitDto>> GetListAsync(CancellationToken cancellationToken);

    Task<OrganizationUnitDto> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<OrganizationUnitDto> CreateAsync(CreateOrganizationUnitDto input, CancellationToken cancellationToken);

    Task<OrganizationUnitDto> UpdateAsync(Guid id, UpdateOrganizationUnitDto input, CancellationToken cancellationToken);

    Task<OrganizationUnitDto> MoveAsync(Guid id, MoveOrganizationUnitDto input, CancellationToken cancellationToken);

    /// <summary>Deletes the unit, its subtree, their memberships and unit roles; their vehicles become unassigned.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrganizationUnitMemberDto>> GetMembersAsync(Guid id, CancellationToken cancellationToken);

    Task AddMembersAsync(Guid id, AddOrganizationUnitMembersDto input, CancellationToken cancellationToken);

    /// <summary>Adds the user with this user name; an unknown name is a field error on <c>userName</c>.</summary>
    Task AddMemberByUserNameAsync(Guid id, string userName, CancellationToken cancellationToken);

    Task RemoveMemberAsync(Guid id, Guid userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrganizationUnitRoleDto>> GetRolesAsync(Guid id, CancellationToken cancellationToken);

    Task AddRolesAsync(Guid id, AddOrganizationUnitRolesDto input, CancellationToken cancellationToken);

    /// <summary>Returns every role of the tenant, sorted by name, for choosing the roles of a unit.</summary>
    Task<IReadOnlyList<OrganizationUnitRoleDto>> GetRoleChoicesAsync(CancellationToken cancellationToken);

    Task RemoveRoleAsync(Guid id, Guid roleId, CancellationToken cancellationToken);
}
