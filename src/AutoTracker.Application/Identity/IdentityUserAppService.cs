using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace AutoTracker.Identity;

/// <summary>
/// User management of the current tenant, or of the host's users on the host side, through Identity's
/// <see cref="UserManager{TUser}"/> so that its validators (password policy, unique user names) apply.
/// </summary>
public sealed partial class IdentityUserAppService(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IUserRoleReader userRoles,
    IPermissionChecker permissions,
    PermissionDefinitionManager definitions,
    PermissionGrantStore grants,
    PermissionGrantCache grantCache,
    UserManagementGuard guard,
    ManagementLock managementLock,
    AccountLinkService accountLinks,
    DefaultRoles defaultRoles,
    IRepository<Tenant> tenants,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    IDatabaseLock databaseLock,
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    TimeProvider timeProvider,
    ILogger<IdentityUserAppService> logger) : IIdentityUserAppService
{
    /// <summary>How long a create waits for other creates of the tenant while the tenant has a user limit.</summary>
    private static readonly TimeSpan UserLimitLockTimeout = TimeSpan.FromSeconds(10);

    public async Task<PagedResult<IdentityUserDto>> GetListAsync(GetIdentityUsersInput input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Default, cancellationToken);
        InputValidator.Validate(input);

        // Both filters are prefix matches on the normalized columns, which the (TenantId, column) indexes serve.
        var query = userManager.Users;
        var filter = input.Filter?.Trim();
        if (!string.IsNullOrEmpty(filter))
        {
            var normalizedName = userManager.NormalizeName(filter);
            var normalizedEmail = userManager.NormalizeEmail(filter);
            query = query.Where(u => u.NormalizedUserName!.StartsWith(normalizedName) || u.NormalizedEmail!.StartsWith(normalizedEmail));
        }

        var ordered = (input.Sort, input.Descending) switch
        {
            (IdentityUserSortField.Email, false) => query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (IdentityUserSortField.Email, true) => query.OrderByDescending(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (_, false) => query.OrderBy(u => u.NormalizedUserName).ThenBy(u => u.Id),
            (_, true) => query.OrderByDescending(u => u.NormalizedUserName).ThenBy(u => u.Id),
        };

        var page = await executor.ToListAsync(ordered.Skip(input.Skip).Take(input.Take + 1), cancellationToken);
        var hasMore = page.Count > input.Take;
        if (hasMore)
        {
            page.RemoveAt(page.Count - 1);
        }

        // The roles of the whole page in one query.
        var roles = await userRoles.GetRoleNamesAsync(page.Select(u => u.Id).ToList(), cancellationToken);
        var total = await executor.CountAsync(query, cancellationToken);
        return new PagedResult<IdentityUserDto>(page.Select(u => ToDto(u, roles.GetValueOrDefault(u.Id) ?? [])).ToList(), hasMore, total);
    }

    public async Task<IdentityUserDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Default, cancellationToken);
        var user = await FindAsync(id);
        return await ToDtoAsync(user, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetRolesAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Default, cancellationToken);
        var user = await FindAsync(id);
        return await RoleNamesOfAsync(user.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<AssignableRoleDto>> GetAssignableRolesAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Default, cancellationToken);
        var roles = await executor.ToListAsync(roleManager.Roles.OrderBy(r => r.NormalizedName).Select(r => new { r.Name, r.IsStatic, r.IsDefault }), cancellationToken);
        return roles.Select(r => new AssignableRoleDto(r.Name!, r.IsStatic, r.IsDefault)).ToList();
    }

    public async Task<IdentityUserDto> CreateAsync(IdentityUserCreateDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Create, cancellationToken);
        InputValidator.Validate(input);
        // The default roles pass the same check as named ones: a creator who lacks a default role's permissions could
        // otherwise invite a second account of their own and get them.
        var roleNames = await CheckRoleNamesAsync(
            input.RoleNames ?? await defaultRoles.GetDefaultRoleNamesAsync(cancellationToken),
            [],
            cancellationToken);
        await EnsureEmailFreeAsync(input.Email, exceptUserId: null);

        var user = new AppUser(Guid.NewGuid(), currentTenant.Id, input.UserName.Trim(), input.Email.Trim())
        {
            PhoneNumber = NullIfEmpty(input.PhoneNumber),
            IsActive = input.IsActive,
            LockoutEnabled = input.LockoutEnabled,
        };
        var password = string.IsNullOrEmpty(input.Password) ? null : input.Password;

        await using (await LockUserCountAsync(cancellationToken))
        {
            await unitOfWork.RunInTransactionAsync(
                async ct =>
                {
                    await EnsureUsersAllowedAsync(ct);
                    ThrowIfFailed(password is null ? await userManager.CreateAsync(user) : await userManager.CreateAsync(user, password));
                    if (roleNames.Count > 0)
                    {
                        ThrowIfFailed(await userManager.AddToRolesAsync(user, roleNames), nameof(IdentityUserCreateDto.RoleNames));
                    }

                    return true;
                },
                cancellationToken);
        }

        LogUserCreated(logger, user.Id, currentUser.Id);
        if (password is null)
        {
            // NOTE: the invitation is sent after the commit. If sending fails, the request fails but the user stays,
            // without a password, and send-password-reset sends a new invitation.
            await accountLinks.SendAsync(user, cancellationToken);
        }

        return ToDto(user, roleNames.Order(StringComparer.Ordinal).ToList());
    }

    public async Task<IdentityUserDto> UpdateAsync(Guid id, IdentityUserUpdateDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Edit, cancellationToken);
        InputValidator.Validate(input);
        await using var management = await managementLock.AcquireAsync(cancellationToken);
        var user = await FindAsync(id);
        if (!string.Equals(user.ConcurrencyStamp, input.ConcurrencyStamp, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException();
        }

        var currentRoles = await RoleNamesOfAsync(user.Id, cancellationToken);
        await guard.EnsureActingUserHoldsPermissionsOfAsync(user.Id, currentRoles, cancellationToken);
        var roleNames = input.RoleNames is null
            ? currentRoles.ToList()
            : await CheckRoleNamesAsync(input.RoleNames, currentRoles, cancellationToken);
        var rolesChanged = !roleNames.ToHashSet(StringComparer.Ordinal).SetEquals(currentRoles);
        if (!input.IsActive)
        {
            guard.EnsureNotSelf(user.Id, "deactivate", nameof(IdentityUserUpdateDto.IsActive));
        }

        if (rolesChanged || (user.IsActive && !input.IsActive))
        {
            await guard.EnsureManagementRemainsAsync(
                user.Id,
                new PlannedUserState(input.IsActive, IsLockedOut(user), roleNames),
                rolesChanged ? nameof(IdentityUserUpdateDto.RoleNames) : nameof(IdentityUserUpdateDto.IsActive),
                cancellationToken);
        }

        await EnsureEmailFreeAsync(input.Email, exceptUserId: user.Id);
        var email = input.Email.Trim();
        var signInChanged = rolesChanged || user.IsActive != input.IsActive || !string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase);
        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            user.EmailConfirmed = false;
        }

        user.UserName = input.UserName.Trim();
        user.Email = email;
        user.PhoneNumber = NullIfEmpty(input.PhoneNumber);
        user.IsActive = input.IsActive;
        user.LockoutEnabled = input.LockoutEnabled;

        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                await ReplaceRolesAsync(user, currentRoles, roleNames);

                // A new security stamp ends the user's sessions on their next request, so the change applies at once.
                ThrowIfFailed(signInChanged ? await userManager.UpdateSecurityStampAsync(user) : await userManager.UpdateAsync(user));
                return true;
            },
            cancellationToken);

        LogUserUpdated(logger, user.Id, currentUser.Id);
        return ToDto(user, roleNames.Order(StringComparer.Ordinal).ToList());
    }

    public async Task<IdentityUserDto> UpdateRolesAsync(Guid id, IdentityUserUpdateRolesDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Edit, cancellationToken);
        InputValidator.Validate(input);
        await using var management = await managementLock.AcquireAsync(cancellationToken);
        var user = await FindAsync(id);
        var currentRoles = await RoleNamesOfAsync(user.Id, cancellationToken);
        await guard.EnsureActingUserHoldsPermissionsOfAsync(user.Id, currentRoles, cancellationToken);
        var roleNames = await CheckRoleNamesAsync(input.RoleNames, currentRoles, cancellationToken);
        if (!roleNames.ToHashSet(StringComparer.Ordinal).SetEquals(currentRoles))
        {
            await guard.EnsureManagementRemainsAsync(
                user.Id, new PlannedUserState(user.IsActive, IsLockedOut(user), roleNames), nameof(IdentityUserUpdateRolesDto.RoleNames), cancellationToken);
            await unitOfWork.RunInTransactionAsync(
                async ct =>
                {
                    await ReplaceRolesAsync(user, currentRoles, roleNames);
                    ThrowIfFailed(await userManager.UpdateSecurityStampAsync(user));
                    return true;
                },
                cancellationToken);
            LogRolesChanged(logger, user.Id, currentUser.Id);
        }

        return ToDto(user, roleNames.Order(StringComparer.Ordinal).ToList());
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Delete, cancellationToken);
        await using var management = await managementLock.AcquireAsync(cancellationToken);
        var user = await FindAsync(id);
        guard.EnsureNotSelf(user.Id, "delete");
        await guard.EnsureActingUserHoldsPermissionsOfAsync(user.Id, await RoleNamesOfAsync(user.Id, cancellationToken), cancellationToken);
        await guard.EnsureManagementRemainsAsync(user.Id, after: null, field: null, cancellationToken);

        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                // The user's own grants go with the user; the security stamp check finds no user afterwards.
                await grants.ReplaceAsync(PermissionProviderNames.User, user.Id.ToString(), new HashSet<string>(), ct);
                await unitOfWork.SaveChangesAsync(ct);
                ThrowIfFailed(await userManager.DeleteAsync(user));
                return true;
            },
            cancellationToken);

        await grantCache.InvalidateAsync(currentTenant.Id, cancellationToken);
        LogUserDeleted(logger, user.Id, currentUser.Id);
    }

    public async Task<IdentityUserDto> LockAsync(Guid id, IdentityUserLockDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Edit, cancellationToken);
        await using var management = await managementLock.AcquireAsync(cancellationToken);
        var user = await FindAsync(id);
        guard.EnsureNotSelf(user.Id, "lock");
        var end = input.LockoutEnd ?? DateTimeOffset.MaxValue;
        if (end <= timeProvider.GetUtcNow())
        {
            throw new InputValidationException(nameof(IdentityUserLockDto.LockoutEnd), "The end of the lock must be in the future. Leave it empty to lock the user until an administrator unlocks them.");
        }

        var currentRoles = await RoleNamesOfAsync(user.Id, cancellationToken);
        await guard.EnsureActingUserHoldsPermissionsOfAsync(user.Id, currentRoles, cancellationToken);
        await guard.EnsureManagementRemainsAsync(user.Id, new PlannedUserState(user.IsActive, IsLocked: true, currentRoles), field: null, cancellationToken);

        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                // Locking turns lockout on for the user, because Identity keeps no lock end while it is off.
                ThrowIfFailed(await userManager.SetLockoutEnabledAsync(user, true));
                ThrowIfFailed(await userManager.SetLockoutEndDateAsync(user, end));
                ThrowIfFailed(await userManager.UpdateSecurityStampAsync(user));
                return true;
            },
            cancellationToken);

        LogUserLocked(logger, user.Id, currentUser.Id);
        return ToDto(user, currentRoles);
    }

    public async Task<IdentityUserDto> UnlockAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Edit, cancellationToken);
        var user = await FindAsync(id);

        // An administrator may have locked a stronger account on purpose, for example after a suspected break-in.
        await guard.EnsureActingUserHoldsPermissionsOfAsync(user.Id, await RoleNamesOfAsync(user.Id, cancellationToken), cancellationToken);
        await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                ThrowIfFailed(await userManager.SetLockoutEndDateAsync(user, null));
                ThrowIfFailed(await userManager.ResetAccessFailedCountAsync(user));
                return true;
            },
            cancellationToken);

        LogUserUnlocked(logger, user.Id, currentUser.Id);
        return await ToDtoAsync(user, cancellationToken);
    }

    public async Task SendPasswordResetAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(IdentityPermissions.Users.Edit, cancellationToken);
        var user = await FindAsync(id);
        await accountLinks.SendAsync(user, cancellationToken);
    }

    /// <summary>Loads a user of the current tenant; another tenant's id looks like a missing one.</summary>
    private async Task<AppUser> FindAsync(Guid id) =>
        await userManager.FindByIdAsync(id.ToString()) is { } user && user.TenantId == currentTenant.Id
            ? user
            : throw new EntityNotFoundException(typeof(AppUser), id);

    private async Task<IReadOnlyList<string>> RoleNamesOfAsync(Guid userId, CancellationToken cancellationToken) =>
        (await userRoles.GetRoleNamesAsync([userId], cancellationToken)).GetValueOrDefault(userId) ?? [];

    /// <summary>
    /// Returns the requested role names as stored, without duplicates. Every name must be a role of the tenant. A
    /// role the user does not hold yet may be given only by a user who holds every permission that role carries,
    /// so nobody can hand out more rights than their own.
    /// </summary>
    private async Task<List<string>> CheckRoleNamesAsync(IReadOnlyList<string> requested, IReadOnlyCollection<string> currentRoles, CancellationToken cancellationToken)
    {
        var normalized = requested.Select(n => roleManager.NormalizeKey(n.Trim()) ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        var roles = await executor.ToListAsync(
            roleManager.Roles.Where(r => normalized.Contains(r.NormalizedName!)).Select(r => new { r.Name, r.NormalizedName }),
            cancellationToken);
        var errors = requested
            .Where(name => roles.All(r => r.NormalizedName != (roleManager.NormalizeKey(name.Trim()) ?? string.Empty)))
            .Select(name => $"The role '{name.Trim()}' does not exist in this tenant.")
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (errors.Length > 0)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["roleNames"] = errors });
        }

        var names = roles.Select(r => r.Name!).ToList();
        var added = names.Except(currentRoles, StringComparer.Ordinal).ToList();
        foreach (var (permission, _, role) in await grants.LoadGrantsAsync(PermissionProviderNames.Role, added, cancellationToken))
        {
            if (definitions.Find(permission) is not null && !await permissions.IsGrantedAsync(permission, cancellationToken))
            {
                throw new InputValidationException(
                    "roleNames",
                    $"The role '{role}' carries the permission {permission}, which you do not hold. Only a user who holds every permission of a role can give it.");
            }
        }

        return names;
    }

    private async Task ReplaceRolesAsync(AppUser user, IReadOnlyCollection<string> currentRoles, IReadOnlyCollection<string> roleNames)
    {
        var removed = currentRoles.Except(roleNames, StringComparer.Ordinal).ToList();
        var added = roleNames.Except(currentRoles, StringComparer.Ordinal).ToList();
        if (removed.Count > 0)
        {
            ThrowIfFailed(await userManager.RemoveFromRolesAsync(user, removed), "roleNames");
        }

        if (added.Count > 0)
        {
            ThrowIfFailed(await userManager.AddToRolesAsync(user, added), "roleNames");
        }
    }

    /// <summary>
    /// Rejects an e-mail address that another user of the tenant has. Identity's own uniqueness option is off,
    /// because users without an address are allowed, but the (TenantId, NormalizedEmail) index is unique.
    /// </summary>
    private async Task EnsureEmailFreeAsync(string email, Guid? exceptUserId)
    {
        if (await userManager.FindByEmailAsync(email.Trim()) is { } other && other.Id != exceptUserId)
        {
            throw new InputValidationException("email", $"The e-mail address '{email.Trim()}' is already used by another user of this tenant.");
        }
    }

    /// <summary>Holds the tenant's user-count lock while the tenant has a user limit, so parallel creates cannot pass it together.</summary>
    private async Task<IAsyncDisposable> LockUserCountAsync(CancellationToken cancellationToken)
    {
        if (currentTenant.Id is not { } tenantId
            || await executor.FirstOrDefaultAsync(tenants.Query().Where(t => t.Id == tenantId), cancellationToken) is not { MaxUsers: not null })
        {
            return NoLock.Instance;
        }

        return await databaseLock.AcquireOrConflictAsync(
            $"user-limit:{tenantId:N}",
            UserLimitLockTimeout,
            "Other requests of this tenant were adding users, and this one stopped waiting for them. Nothing was saved. Try again in a moment.",
            cancellationToken);
    }

    private async Task EnsureUsersAllowedAsync(CancellationToken cancellationToken)
    {
        if (currentTenant.Id is not { } tenantId
            || await executor.FirstOrDefaultAsync(tenants.Query().Where(t => t.Id == tenantId), cancellationToken) is not { } tenant)
        {
            return;
        }

        var existing = await executor.CountAsync(userManager.Users, cancellationToken);
        TenantLimitChecker.EnsureUsersAllowed(tenant, existing, adding: 1);
    }

    /// <summary>
    /// Turns Identity's errors into field errors: user name and e-mail problems name those fields, password
    /// problems the password, and a concurrency failure becomes a conflict.
    /// </summary>
    private static void ThrowIfFailed(IdentityResult result, string? fallbackField = null)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConcurrencyConflictException();
        }

        var errors = result.Errors
            .GroupBy(e => FieldOf(e.Code) ?? fallbackField ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        throw new InputValidationException(errors);
    }

    private static string? FieldOf(string code) => code switch
    {
        _ when code.Contains("UserName", StringComparison.Ordinal) => "userName",
        _ when code.Contains("Email", StringComparison.Ordinal) => "email",
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "password",
        _ when code.Contains("Role", StringComparison.Ordinal) => "roleNames",
        _ => null,
    };

    private bool IsLockedOut(AppUser user) => user.LockoutEnabled && user.LockoutEnd > timeProvider.GetUtcNow();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<IdentityUserDto> ToDtoAsync(AppUser user, CancellationToken cancellationToken) =>
        ToDto(user, await RoleNamesOfAsync(user.Id, cancellationToken));

    private IdentityUserDto ToDto(AppUser user, IReadOnlyList<string> roleNames) => new()
    {
        Id = user.Id,
        UserName = user.UserName ?? string.Empty,
        Email = user.Email,
        EmailConfirmed = user.EmailConfirmed,
        PhoneNumber = user.PhoneNumber,
        IsActive = user.IsActive,
        LockoutEnabled = user.LockoutEnabled,
        LockoutEnd = user.LockoutEnd,
        IsLockedOut = IsLockedOut(user),
        HasPassword = user.PasswordHash is not null,
        RoleNames = roleNames,
        ConcurrencyStamp = user.ConcurrencyStamp ?? string.Empty,
    };

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "User {UserId} created by user {ActingUserId}")]
    private static partial void LogUserCreated(ILogger logger, Guid userId, Guid? actingUserId);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "User {UserId} updated by user {ActingUserId}")]
    private static partial void LogUserUpdated(ILogger logger, Guid userId, Guid? actingUserId);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Roles of user {UserId} changed by user {ActingUserId}")]
    private static partial void LogRolesChanged(ILogger logger, Guid userId, Guid? actingUserId);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Information, Message = "User {UserId} deleted by user {ActingUserId}")]
    private static partial void LogUserDeleted(ILogger logger, Guid userId, Guid? actingUserId);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Information, Message = "User {UserId} locked by user {ActingUserId}")]
    private static partial void LogUserLocked(ILogger logger, Guid userId, Guid? actingUserId);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Information, Message = "User {UserId} unlocked by user {ActingUserId}")]
    private static partial void LogUserUnlocked(ILogger logger, Guid userId, Guid? actingUserId);
}
