using System.Text;
using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace AutoTracker.Identity;

/// <summary>
/// Role management of the current tenant, or of the host for host users. Role grants are keyed by the role's name,
/// so a rename moves them and a delete removes them in the transaction that changes the role. The grant cache is
/// invalidated after the commit, so members keep exactly their permissions on their next request.
/// </summary>
public sealed partial class RoleAppService(
    IPermissionChecker permissions,
    PermissionDefinitionManager definitions,
    RoleManager<AppRole> roleManager,
    IUserRoleReader memberships,
    PermissionGrantStore grants,
    PermissionGrantCache cache,
    PermissionHolders holders,
    ManagementLock managementLock,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    IDatabaseLock databaseLock,
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    ILogger<RoleAppService> logger) : IRoleAppService
{
    /// <summary>How long a create or rename waits for another one of the same tenant.</summary>
    private static readonly TimeSpan NameLockTimeout = TimeSpan.FromSeconds(10);

    public async Task<PagedResult<IdentityRoleDto>> GetListAsync(GetRoleListInput input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Roles.Default, cancellationToken);
        InputValidator.Validate(input);
        var sorting = ParseSorting(input.Sorting);

        var query = roleManager.Roles;
        var filter = input.Filter?.Trim();
        if (!string.IsNullOrEmpty(filter))
        {
            var normalized = roleManager.NormalizeKey(filter) ?? filter;
            query = query.Where(r => r.NormalizedName!.Contains(normalized));
        }

        // A tenant has few roles, so the page is sorted in memory, where the member counts are known.
        var roles = await executor.ToListAsync(query, cancellationToken);
        var counts = await memberships.CountMembersAsync(roles.Select(r => r.Id).ToList(), cancellationToken);
        int CountOf(AppRole role) => counts.GetValueOrDefault(role.Id);
        IEnumerable<AppRole> sorted = sorting switch
        {
            RoleSorting.NameDescending => roles.OrderByDescending(r => r.NormalizedName, StringComparer.Ordinal),
            RoleSorting.UserCount => roles.OrderBy(CountOf).ThenBy(r => r.NormalizedName, StringComparer.Ordinal),
            RoleSorting.UserCountDescending => roles.OrderByDescending(CountOf).ThenBy(r => r.NormalizedName, StringComparer.Ordinal),
            _ => roles.OrderBy(r => r.NormalizedName, StringComparer.Ordinal),
        };

        var page = sorted.Skip(input.Skip).Take(input.Take).Select(r => ToDto(r, CountOf(r))).ToList();
        return new PagedResult<IdentityRoleDto>(page, input.Skip + page.Count < roles.Count, roles.Count);
    }

    public async Task<IReadOnlyList<IdentityRoleDto>> GetAllAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Roles.Default, cancellationToken);
        var roles = await executor.ToListAsync(roleManager.Roles.OrderBy(r => r.NormalizedName), cancellationToken);
        return roles.Select(r => ToDto(r, userCount: null)).ToList();
    }

    public async Task<IdentityRoleDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Roles.Default, cancellationToken);
        return ToDto(await FindAsync(id, cancellationToken), userCount: null);
    }

    public async Task<IdentityRoleDto> CreateAsync(CreateRoleDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Roles.Create, cancellationToken);
        InputValidator.Validate(input);
        EnsureNameCannotPassForAnother(input.Name);

        var role = new AppRole(Guid.NewGuid(), currentTenant.Id, input.Name) { IsDefault = input.IsDefault };
        await using (await LockNamesAsync(cancellationToken))
        {
            await EnsureNameFreeAsync(input.Name, exceptId: null);
            await unitOfWork.RunInTransactionAsync(
                async ct =>
                {
                    // Grants left under this name by a role deleted outside this service must not pass to the new role.
                    var orphans = await grants.DeleteAllAsync(PermissionProviderNames.Role, input.Name, ct);
                    await unitOfWork.SaveChangesAsync(ct);
                    ThrowIfFailed(await roleManager.CreateAsync(role));
                    return orphans.Count;
                },
                cancellationToken);
        }

        LogRoleCreated(logger, currentUser.Id, role.Id, currentTenant.Id);
        return ToDto(role, userCount: 0);
    }

    public async Task<IdentityRoleDto> UpdateAsync(Guid id, UpdateRoleDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Roles.Edit, cancellationToken);
        InputValidator.Validate(input);

        await using (await LockNamesAsync(cancellationToken))
        {
            var role = await FindAsync(id, cancellationToken);
            if (!string.Equals(role.ConcurrencyStamp, input.ConcurrencyStamp, StringComparison.Ordinal))
            {
                throw new ConcurrencyConflictException();
            }

            var oldName = role.Name!;
            var renamed = !string.Equals(oldName, input.Name, StringComparison.Ordinal);
            if (renamed && role.IsStatic)
            {
                throw new BusinessException(
                    ErrorCodes.StaticRoleChange,
                    $"The role '{oldName}' was created by the system and cannot be renamed. Only its default flag can change.",
                    nameof(UpdateRoleDto.Name));
            }

            if (input.IsDefault && !role.IsDefault && role.IsStatic && string.Equals(oldName, StaticRoleNames.Admin, StringComparison.Ordinal))
            {
                throw new BusinessException(
                    ErrorCodes.StaticRoleChange,
                    "The admin role cannot be a default role, because every new user would get every permission. Give new users a narrower role.",
                    nameof(UpdateRoleDto.IsDefault));
            }

            if (input.IsDefault && !role.IsDefault)
            {
                await EnsureActingUserHoldsGrantsOfAsync(oldName, cancellationToken);
            }

            if (renamed)
            {
                EnsureNameCannotPassForAnother(input.Name);
                await EnsureNameFreeAsync(input.Name, exceptId: role.Id);
            }

            var moved = await unitOfWork.RunInTransactionAsync(
                async ct =>
                {
                    role.IsDefault = input.IsDefault;
                    if (renamed)
                    {
                        ThrowIfFailed(await roleManager.SetRoleNameAsync(role, input.Name));
                    }

                    // The role store saves the role with a new stamp, and the update fails when another request changed it first.
                    ThrowIfFailed(await roleManager.UpdateAsync(role));
                    return renamed ? await grants.RenameRoleAsync(oldName, input.Name, ct) : 0;
                },
                cancellationToken);

            if (renamed)
            {
                await cache.InvalidateAsync(currentTenant.Id, cancellationToken);
                LogRoleRenamed(logger, currentUser.Id, role.Id, moved, currentTenant.Id);
            }

            return ToDto(role, userCount: null);
        }
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Roles.Delete, cancellationToken);
        var role = await FindAsync(id, cancellationToken);
        if (role.IsStatic)
        {
            throw new BusinessException(
                ErrorCodes.StaticRoleChange,
                $"The role '{role.Name}' was created by the system and cannot be deleted.",
                nameof(IdentityRoleDto.Id));
        }

        await using var management = await managementLock.AcquireAsync(cancellationToken);
        var revoked = await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                await holders.EnsureRoleRemovalKeepsManagementAsync(role.Name!, ct);
                var names = await grants.DeleteAllAsync(PermissionProviderNames.Role, role.Name!, ct);
                await unitOfWork.SaveChangesAsync(ct);

                // The database deletes the role's memberships with it (a cascading foreign key of Identity's schema).
                ThrowIfFailed(await roleManager.DeleteAsync(role));
                return names.Count;
            },
            cancellationToken);

        await cache.InvalidateAsync(currentTenant.Id, cancellationToken);
        LogRoleDeleted(logger, currentUser.Id, role.Id, revoked, currentTenant.Id);
    }

    /// <summary>
    /// Rejects making the role a default role unless the acting user holds every permission it carries, so a role
    /// editor cannot hand a stronger role to every user that others create.
    /// </summary>
    private async Task EnsureActingUserHoldsGrantsOfAsync(string roleName, CancellationToken cancellationToken)
    {
        foreach (var name in await grants.LoadGrantedAsync(PermissionProviderNames.Role, roleName, cancellationToken))
        {
            // The checker throws on a name that is no longer defined, and such a grant gives nothing anyway.
            if (definitions.Find(name) is not null && !await permissions.IsGrantedAsync(name, cancellationToken))
            {
                throw new BusinessException(
                    ErrorCodes.RoleHasMorePermissions,
                    $"The role '{roleName}' carries the permission {name}, which you do not hold. Only a user who holds every permission of a role can make it a default role.",
                    nameof(UpdateRoleDto.IsDefault));
            }
        }
    }

    /// <summary>Finds a role of the current tenant. A role of another tenant is not found, like a missing one.</summary>
    private async Task<AppRole> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var role = await roleManager.FindByIdAsync(id.ToString());
        return role is not null && role.TenantId == currentTenant.Id ? role : throw new EntityNotFoundException(typeof(AppRole), id);
    }

    /// <summary>Serializes creates and renames within the tenant, so that two requests cannot both take a free name.</summary>
    private Task<IAsyncDisposable> LockNamesAsync(CancellationToken cancellationToken) =>
        databaseLock.AcquireOrConflictAsync(
            $"role-names:{currentTenant.Id?.ToString("N") ?? "host"}",
            NameLockTimeout,
            $"Other requests of this tenant were changing roles, and this one stopped waiting after {NameLockTimeout.TotalSeconds:0} s. Nothing was saved. Try again in a moment.",
            cancellationToken);

    /// <summary>Rejects a name that another role of the tenant has, compared as Identity normalizes names (case-insensitively).</summary>
    private async Task EnsureNameFreeAsync(string name, Guid? exceptId)
    {
        var existing = await roleManager.FindByNameAsync(name);
        if (existing is not null && existing.Id != exceptId)
        {
            throw new BusinessException(
                ErrorCodes.RoleNameDuplicate,
                $"Another role is already named '{existing.Name}', and role names must differ in more than letter case. Choose another name.",
                nameof(CreateRoleDto.Name));
        }
    }

    /// <summary>
    /// Rejects names that can look like another role's name on a page, such as a Cyrillic "а" inside "admin" or
    /// full-width letters: compatibility characters, and letters of the Latin, Greek and Cyrillic alphabets mixed in
    /// one name. A name written in one alphabet, with accents, passes.
    /// </summary>
    private static void EnsureNameCannotPassForAnother(string name)
    {
        if (!name.IsNormalized(NormalizationForm.FormKC))
        {
            throw new InputValidationException(
                nameof(CreateRoleDto.Name),
                $"The role name '{name}' contains compatibility characters, such as full-width letters. Type it with ordinary letters.");
        }

        var alphabets = name.Where(char.IsLetter).Select(AlphabetOf).Where(a => a is not null).Distinct().Count();
        if (alphabets > 1)
        {
            throw new InputValidationException(
                nameof(CreateRoleDto.Name),
                $"The role name '{name}' mixes Latin, Greek or Cyrillic letters, which look alike. Write it in one alphabet.");
        }
    }

    /// <summary>Returns the alphabet of a letter when it is Latin, Greek or Cyrillic, by its Unicode block; null for others.</summary>
    private static string? AlphabetOf(char letter) => letter switch
    {
        <= '\u024F' or (>= '\u1E00' and <= '\u1EFF') => "Latin",
        (>= '\u0370' and <= '\u03FF') or (>= '\u1F00' and <= '\u1FFF') => "Greek",
        (>= '\u0400' and <= '\u052F') or (>= '\u1C80' and <= '\u1C8F') or (>= '\u2DE0' and <= '\u2DFF') or (>= '\uA640' and <= '\uA69F') => "Cyrillic",
        _ => null,
    };

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConcurrencyConflictException();
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateRoleName)))
        {
            throw new BusinessException(ErrorCodes.RoleNameDuplicate, "Another role already has this name.", nameof(CreateRoleDto.Name));
        }

        throw new InputValidationException(nameof(CreateRoleDto.Name), string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static RoleSorting ParseSorting(string? sorting) => sorting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "name" or "name asc" => RoleSorting.Name,
        "name desc" => RoleSorting.NameDescending,
        "usercount" or "usercount asc" => RoleSorting.UserCount,
        "usercount desc" => RoleSorting.UserCountDescending,
        _ => throw new InputValidationException(
            nameof(GetRoleListInput.Sorting),
            $"The sorting '{sorting}' is not supported. Use name, name desc, userCount or userCount desc."),
    };

    private static IdentityRoleDto ToDto(AppRole role, int? userCount) => new()
    {
        Id = role.Id,
        Name = role.Name ?? string.Empty,
        IsDefault = role.IsDefault,
        IsStatic = role.IsStatic,
        UserCount = userCount,
        ConcurrencyStamp = role.ConcurrencyStamp ?? string.Empty,
    };

    private enum RoleSorting
    {
        Name,
        NameDescending,
        UserCount,
        UserCountDescending,
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "User {ActingUserId} created role {RoleId} in tenant {TenantId}")]
    private static partial void LogRoleCreated(ILogger logger, Guid? actingUserId, Guid roleId, Guid? tenantId);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "User {ActingUserId} renamed role {RoleId} and moved {GrantCount} grants in tenant {TenantId}")]
    private static partial void LogRoleRenamed(ILogger logger, Guid? actingUserId, Guid roleId, int grantCount, Guid? tenantId);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Information, Message = "User {ActingUserId} deleted role {RoleId} with {GrantCount} grants in tenant {TenantId}")]
    private static partial void LogRoleDeleted(ILogger logger, Guid? actingUserId, Guid roleId, int grantCount, Guid? tenantId);
}

/// <summary>Reads the roles that new users get. The user management service adds them to every user it creates.</summary>
public sealed class DefaultRoles(RoleManager<AppRole> roleManager, IQueryExecutor executor)
{
    /// <summary>Returns the names of the current tenant's default roles, in name order.</summary>
    public async Task<IReadOnlyList<string>> GetDefaultRoleNamesAsync(CancellationToken cancellationToken) =>
        await executor.ToListAsync(roleManager.Roles.Where(r => r.IsDefault).OrderBy(r => r.NormalizedName).Select(r => r.Name!), cancellationToken);
}
