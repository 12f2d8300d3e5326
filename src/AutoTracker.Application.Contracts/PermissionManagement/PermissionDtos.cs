using System.ComponentModel.DataAnnotations;

namespace AutoTracker.PermissionManagement;

/// <summary>The permission tree of one role or user, grouped as the definitions group it.</summary>
public sealed class GetPermissionListResultDto
{
    /// <summary>The role's name or the user's user name.</summary>
    public string EntityDisplayName { get; init; } = string.Empty;

    public IReadOnlyList<PermissionGroupDto> Groups { get; init; } = [];
}

public sealed class PermissionGroupDto
{
    public string Name { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    /// <summary>Every permission of the group that exists on the current side, parents before their children.</summary>
    public IReadOnlyList<PermissionGrantInfoDto> Permissions { get; init; } = [];
}

public sealed class PermissionGrantInfoDto
{
    public string Name { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    public string? ParentName { get; init; }

    /// <summary>
    /// True when the role or user is granted the permission; for a user, a grant to one of the user's roles counts.
    /// The user still holds it only while the parent is held too.
    /// </summary>
    public bool IsGranted { get; init; }

    /// <summary>Where the grants come from: the provider itself and, for a user, each role that is granted it.</summary>
    public IReadOnlyList<ProviderInfoDto> GrantedProviders { get; init; } = [];
}

public sealed class ProviderInfoDto
{
    /// <summary><c>R</c> for a role, <c>U</c> for a user.</summary>
    public string ProviderName { get; init; } = string.Empty;

    /// <summary>The role's name or the user's id.</summary>
    public string ProviderKey { get; init; } = string.Empty;
}

/// <summary>
/// Grants and revokes permissions of one role or user in one operation. Permissions not listed keep their state.
/// For a user, <see cref="UpdatePermissionDto.IsGranted"/> false revokes the user's own grant; grants to the
/// user's roles stay.
/// </summary>
public sealed class UpdatePermissionsDto
{
    public const int MaxPermissions = 1000;

    [Required]
    [MaxLength(MaxPermissions)]
    public List<UpdatePermissionDto> Permissions { get; set; } = [];
}

public sealed class UpdatePermissionDto
{
    [Required]
    [StringLength(PermissionGrantConsts.MaxNameLength)]
    public string Name { get; set; } = string.Empty;

    public bool IsGranted { get; set; }
}

public interface IPermissionAppService
{
    /// <param name="providerName"><c>R</c> for a role, <c>U</c> for a user.</param>
    /// <param name="providerKey">The role's name or the user's id.</param>
    Task<GetPermissionListResultDto> GetAsync(string providerName, string providerKey, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the changes in one transaction. Granting a permission requires its parent to be held after the change;
    /// revoking a parent revokes its children.
    /// </summary>
    Task UpdateAsync(string providerName, string providerKey, UpdatePermissionsDto input, CancellationToken cancellationToken);
}
