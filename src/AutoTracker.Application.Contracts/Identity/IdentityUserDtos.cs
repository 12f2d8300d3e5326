using System.ComponentModel.DataAnnotations;
using AutoTracker.Application;

namespace AutoTracker.Identity;

/// <summary>A user of the current tenant (or of the host), as the user management API returns it.</summary>
public sealed class IdentityUserDto
{
    public Guid Id { get; init; }

    public string UserName { get; init; } = string.Empty;

    public string? Email { get; init; }

    public bool EmailConfirmed { get; init; }

    public string? PhoneNumber { get; init; }

    /// <summary>False for a deactivated user, who cannot sign in and whose sessions end on their next request.</summary>
    public bool IsActive { get; init; }

    /// <summary>True when failed sign-ins and administrators can lock the account.</summary>
    public bool LockoutEnabled { get; init; }

    /// <summary>End of the current lock in UTC; <see cref="DateTimeOffset.MaxValue"/> for a lock without end.</summary>
    public DateTimeOffset? LockoutEnd { get; init; }

    public bool IsLockedOut { get; init; }

    /// <summary>False for an invited user who has not set a password yet.</summary>
    public bool HasPassword { get; init; }

    public IReadOnlyList<string> RoleNames { get; init; } = [];

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

/// <summary>Fields a user list may be sorted by; anything else is rejected.</summary>
public enum IdentityUserSortField
{
    UserName = 0,
    Email = 1,
}

public sealed class GetIdentityUsersInput : PagedRequest
{
    /// <summary>Matches the start of the user name or of the e-mail address, compared case-insensitively.</summary>
    [StringLength(IdentityConsts.MaxUserNameLength)]
    public string? Filter { get; set; }

    [EnumDataType(typeof(IdentityUserSortField))]
    public IdentityUserSortField Sort { get; set; } = IdentityUserSortField.UserName;

    public bool Descending { get; set; }
}

/// <summary>The fields of a user that administrators set when creating and editing.</summary>
public abstract class IdentityUserCreateOrUpdateDtoBase
{
    [Required]
    [StringLength(IdentityConsts.MaxUserNameLength)]
    public string UserName { get; set; } = string.Empty;

    [Required]
    [StringLength(IdentityConsts.MaxEmailLength)]
    [EmailAddress]
    public string Email { get; set; } = string.Empty;

    [StringLength(IdentityConsts.MaxPhoneNumberLength)]
    [Phone]
    public string? PhoneNumber { get; set; }

    public bool IsActive { get; set; } = true;

    public bool LockoutEnabled { get; set; } = true;
}

/// <summary>
/// A new user. With <see cref="Password"/> the user can sign in at once; without it the user gets an invitation
/// e-mail with a link to set a password.
/// </summary>
public sealed class IdentityUserCreateDto : IdentityUserCreateOrUpdateDtoBase
{
    /// <summary>Initial password, checked against the tenant's password policy; null or empty sends an invitation.</summary>
    [StringLength(IdentityConsts.MaxPasswordLength)]
    public string? Password { get; set; }

    /// <summary>Names of existing roles of the tenant; null gives the tenant's default roles, and an empty list no role.</summary>
    [MaxLength(IdentityConsts.MaxRolesPerUser)]
    public List<string>? RoleNames { get; set; }
}

public sealed class IdentityUserUpdateDto : IdentityUserCreateOrUpdateDtoBase
{
    /// <summary>The roles to hold after the update; null keeps the current roles.</summary>
    [MaxLength(IdentityConsts.MaxRolesPerUser)]
    public List<string>? RoleNames { get; set; }

    /// <summary>The stamp read with the user; the update fails with a conflict if the user changed since.</summary>
    [Required]
    [StringLength(IdentityConsts.MaxConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class IdentityUserUpdateRolesDto
{
    /// <summary>The complete list of roles the user holds afterwards.</summary>
    [Required]
    [MaxLength(IdentityConsts.MaxRolesPerUser)]
    public List<string> RoleNames { get; set; } = [];
}

public sealed class IdentityUserLockDto
{
    /// <summary>End of the lock, in the future; null locks the user until an administrator unlocks them.</summary>
    public DateTimeOffset? LockoutEnd { get; set; }
}

/// <summary>A role a user can be given, for the role checkboxes of the user forms.</summary>
public sealed record AssignableRoleDto(string Name, bool IsStatic, bool IsDefault);

/// <summary>
/// User management inside the current tenant, or of host users on the host side. Every change of a user's roles,
/// active flag or lock, and a delete, renews the user's security stamp, so it applies on that user's next request.
/// </summary>
public interface IIdentityUserAppService
{
    Task<PagedResult<IdentityUserDto>> GetListAsync(GetIdentityUsersInput input, CancellationToken cancellationToken);

    Task<IdentityUserDto> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetRolesAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Lists the tenant's roles by name, for choosing a user's roles.</summary>
    Task<IReadOnlyList<AssignableRoleDto>> GetAssignableRolesAsync(CancellationToken cancellationToken);

    /// <summary>Creates the user within the tenant's user limit; without a password it sends the invitation.</summary>
    Task<IdentityUserDto> CreateAsync(IdentityUserCreateDto input, CancellationToken cancellationToken);

    Task<IdentityUserDto> UpdateAsync(Guid id, IdentityUserUpdateDto input, CancellationToken cancellationToken);

    Task<IdentityUserDto> UpdateRolesAsync(Guid id, IdentityUserUpdateRolesDto input, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    Task<IdentityUserDto> LockAsync(Guid id, IdentityUserLockDto input, CancellationToken cancellationToken);

    Task<IdentityUserDto> UnlockAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a link to set a password to the user's stored e-mail address: an invitation while the user has no
    /// password, else a password reset link.
    /// </summary>
    Task SendPasswordResetAsync(Guid id, CancellationToken cancellationToken);
}
