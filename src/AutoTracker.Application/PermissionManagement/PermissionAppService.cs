using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.MultiTenancy;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace AutoTracker.PermissionManagement;

/// <summary>
/// Shows and changes the grants of one role or user of the current tenant. Managing a role's grants requires
/// <see cref="IdentityPermissions.Roles.ManagePermissions"/>, a user's <see cref="IdentityPermissions.Users.ManagePermissions"/>.
/// </summary>
public sealed partial class PermissionAppService(
    IPermissionChecker permissions,
    PermissionDefinitionManager definitions,
    PermissionGrantStore grants,
    PermissionGrantCache cache,
    PermissionHolders holders,
    ManagementLock managementLock,
    UserManagementGuard userGuard,
    RoleManager<AppRole> roleManager,
    UserManager<AppUser> userManager,
    IUnitOfWork unitOfWork,
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    IStringLocalizer<AutoTrackerResource> localizer,
    ILogger<PermissionAppService> logger) : IPermissionAppService
{
    public async Task<GetPermissionListResultDto> GetAsync(string providerName, string providerKey, CancellationToken cancellationToken)
    {
        await CheckManagePermissionAsync(providerName, cancellationToken);
        var provider = await ResolveAsync(providerName, providerKey, cancellationToken);

        var own = (await grants.LoadGrantedAsync(provider.Name, provider.Key, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fromRoles = await grants.LoadGrantsAsync(PermissionProviderNames.Role, provider.Roles, cancellationToken);
        var groups = definitions.Groups
            .Select(group => new PermissionGroupDto
            {
                Name = group.Name,
                DisplayName = localizer[group.DisplayNameKey].Value,
                Permissions = group.AllPermissions()
                    .Where(p => p.ExistsOn(Side))
                    .Select(p => ToDto(p, provider, own, fromRoles))
                    .ToList(),
            })
            .Where(group => group.Permissions.Count > 0)
            .ToList();
        return new GetPermissionListResultDto { EntityDisplayName = provider.DisplayName, Groups = groups };
    }

    public async Task UpdateAsync(string providerName, string providerKey, UpdatePermissionsDto input, CancellationToken cancellationToken)
    {
        await CheckManagePermissionAsync(providerName, cancellationToken);
        InputValidator.Validate(input);
        ValidateNames(input);
        var provider = await ResolveAsync(providerName, providerKey, cancellationToken);
        if (provider.IsStaticAdminRole)
        {
            throw new BusinessException(
                ErrorCodes.AdminRoleGrantsFixed,
                "The admin role always holds every permission, so its grants cannot be changed. Create another role for narrower rights.",
                "providerKey");
        }

        // The lock also holds off user changes, whose guard reads these grants.
        await using var management = await managementLock.AcquireAsync(cancellationToken);
        var changes = await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                // As for other user changes, only a user who holds every permission of another user may change
                // that user's grants, so a lesser manager cannot strip an administrator's own grants.
                if (provider.Name == PermissionProviderNames.User)
                {
                    await userGuard.EnsureActingUserHoldsPermissionsOfAsync(provider.Id, provider.Roles, ct);
                }

                var current = (await grants.LoadGrantedAsync(provider.Name, provider.Key, ct)).ToHashSet(StringComparer.Ordinal);
                var inherited = (await grants.LoadGrantsAsync(PermissionProviderNames.Role, provider.Roles, ct)).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
                await EnsureActingUserHoldsNewGrantsAsync(input, current, ct);
                var granted = ApplyDependencies(input, current, inherited);
                await holders.EnsureActingUserKeepsManagementAsync(provider.Name, provider.Key, granted, ct);
                return await grants.ReplaceAsync(provider.Name, provider.Key, granted, ct);
            },
            cancellationToken);

        if (changes.IsEmpty)
        {
            return;
        }

        await cache.InvalidateAsync(currentTenant.Id, cancellationToken);
        foreach (var name in changes.Granted)
        {
            LogGranted(logger, currentUser.Id, name, provider.Name, provider.Id, currentTenant.Id);
        }

        foreach (var name in changes.Revoked)
        {
            LogRevoked(logger, currentUser.Id, name, provider.Name, provider.Id, currentTenant.Id);
        }
    }

    private MultiTenancySides Side => currentTenant.Id is null ? MultiTenancySides.Host : MultiTenancySides.Tenant;

    private Task CheckManagePermissionAsync(string providerName, CancellationToken cancellationToken) => providerName switch
    {
        PermissionProviderNames.Role => permissions.CheckAsync(IdentityPermissions.Roles.ManagePermissions, cancellationToken),
        PermissionProviderNames.User => permissions.CheckAsync(IdentityPermissions.Users.ManagePermissions, cancellationToken),
        _ => throw new InputValidationException(
            nameof(providerName),
            $"The provider name '{providerName}' is not supported; use {PermissionProviderNames.Role} for a role or {PermissionProviderNames.User} for a user."),
    };

    /// <summary>Rejects names that are not defined, that do not exist on the current side, or that appear twice.</summary>
    private void ValidateNames(UpdatePermissionsDto input)
    {
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Permissions.Count; i++)
        {
            var name = input.Permissions[i].Name;
            var field = $"{nameof(input.Permissions)}[{i}].{nameof(UpdatePermissionDto.Name)}";
            var definition = definitions.Find(name);
            if (definition is null)
            {
                errors[field] = [$"The permission '{name}' is not defined; use a name from the permission list."];
            }
            else if (!definition.ExistsOn(Side))
            {
                errors[field] = [Side == MultiTenancySides.Tenant
                    ? $"The permission '{name}' exists on the host side only and cannot be granted inside a tenant."
                    : $"The permission '{name}' exists inside tenants only and cannot be granted on the host side."];
            }
            else if (!seen.Add(name))
            {
                errors[field] = [$"The permission '{name}' is listed more than once; list each permission once."];
            }
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }
    }

    /// <summary>
    /// Rejects a grant the provider does not have yet unless the acting user holds that permission, so a user who
    /// manages permissions cannot hand out, to others or to themselves, more rights than their own.
    /// </summary>
    private async Task EnsureActingUserHoldsNewGrantsAsync(UpdatePermissionsDto input, HashSet<string> current, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < input.Permissions.Count; i++)
        {
            var change = input.Permissions[i];
            if (change.IsGranted && !current.Contains(change.Name) && !await permissions.IsGrantedAsync(change.Name, cancellationToken))
            {
                errors[$"{nameof(input.Permissions)}[{i}].{nameof(UpdatePermissionDto.Name)}"] =
                    [$"You do not hold the permission '{change.Name}', so you cannot grant it. Ask a user who holds it."];
            }
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }
    }

    /// <summary>
    /// Returns the provider's grants after the change. A granted permission whose parent would not be held (by the
    /// provider itself or, for a user, through a role) is rejected; a permission whose parent is no longer held is
    /// revoked with it.
    /// </summary>
    private IReadOnlySet<string> ApplyDependencies(UpdatePermissionsDto input, HashSet<string> current, HashSet<string> inherited)
    {
        var granted = new HashSet<string>(current, StringComparer.Ordinal);
        foreach (var change in input.Permissions)
        {
            if (change.IsGranted)
            {
                granted.Add(change.Name);
            }
            else
            {
                granted.Remove(change.Name);
            }
        }

        bool IsHeld(string name) => granted.Contains(name) || inherited.Contains(name);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < input.Permissions.Count; i++)
        {
            var change = input.Permissions[i];
            var missing = change.IsGranted ? Ancestors(definitions.Get(change.Name)).FirstOrDefault(a => !IsHeld(a.Name)) : null;
            if (missing is not null)
            {
                errors[$"{nameof(input.Permissions)}[{i}].{nameof(UpdatePermissionDto.Name)}"] =
                    [$"The permission '{change.Name}' requires '{missing.Name}'; grant that one too."];
            }
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        // Parents come before their children, so one pass removes whole revoked branches.
        foreach (var permission in definitions.All)
        {
            if (granted.Contains(permission.Name) && permission.Parent is { } parent && !IsHeld(parent.Name))
            {
                granted.Remove(permission.Name);
            }
        }

        return granted;
    }

    private static IEnumerable<PermissionDefinition> Ancestors(PermissionDefinition permission)
    {
        for (var parent = permission.Parent; parent is not null; parent = parent.Parent)
        {
            yield return parent;
        }
    }

    /// <summary>Finds the role or user in the current tenant; one of another tenant is not found, like a missing one.</summary>
    private async Task<GrantProvider> ResolveAsync(string providerName, string providerKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (providerName == PermissionProviderNames.Role)
        {
            var role = await roleManager.FindByNameAsync(providerKey);
            if (role is null || role.TenantId != currentTenant.Id)
            {
                throw new EntityNotFoundException(typeof(AppRole), Guid.Empty);
            }

            var isAdmin = role.IsStatic && string.Equals(role.Name, StaticRoleNames.Admin, StringComparison.Ordinal);
            return new GrantProvider(providerName, role.Name!, role.Id, role.Name!, [], isAdmin);
        }

        if (!Guid.TryParse(providerKey, out var userId))
        {
            throw new InputValidationException(nameof(providerKey), $"The provider key '{providerKey}' is not a user id.");
        }

        var user = await userManager.FindByIdAsync(userId.ToString());
        if (user is null || user.TenantId != currentTenant.Id)
        {
            throw new EntityNotFoundException(typeof(AppUser), userId);
        }

        var roles = (await userManager.GetRolesAsync(user)).ToList();
        return new GrantProvider(providerName, PermissionGrant.UserKey(user.Id), user.Id, user.UserName ?? string.Empty, roles, IsStaticAdminRole: false);
    }

    private PermissionGrantInfoDto ToDto(
        PermissionDefinition permission,
        GrantProvider provider,
        HashSet<string> own,
        IReadOnlyList<(string Name, string ProviderName, string ProviderKey)> fromRoles)
    {
        var sources = new List<ProviderInfoDto>();
        if (own.Contains(permission.Name))
        {
            sources.Add(new ProviderInfoDto { ProviderName = provider.Name, ProviderKey = provider.Key });
        }

        sources.AddRange(fromRoles
            .Where(g => g.Name == permission.Name)
            .OrderBy(g => g.ProviderKey, StringComparer.Ordinal)
            .Select(g => new ProviderInfoDto { ProviderName = g.ProviderName, ProviderKey = g.ProviderKey }));
        return new PermissionGrantInfoDto
        {
            Name = permission.Name,
            DisplayName = localizer[permission.DisplayNameKey].Value,
            ParentName = permission.Parent?.Name,
            IsGranted = sources.Count > 0,
            GrantedProviders = sources,
        };
    }

    /// <param name="Name">The provider name, R or U.</param>
    /// <param name="Key">The key the grants store: the role's name as stored, or the user's id.</param>
    /// <param name="Id">The role's or user's id, for the log.</param>
    /// <param name="Roles">For a user, the names of the user's roles; empty for a role.</param>
    private sealed record GrantProvider(string Name, string Key, Guid Id, string DisplayName, IReadOnlyList<string> Roles, bool IsStaticAdminRole);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "User {ActingUserId} granted {PermissionName} to {ProviderName} {TargetId} in tenant {TenantId}")]
    private static partial void LogGranted(ILogger logger, Guid? actingUserId, string permissionName, string providerName, Guid targetId, Guid? tenantId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "User {ActingUserId} revoked {PermissionName} from {ProviderName} {TargetId} in tenant {TenantId}")]
    private static partial void LogRevoked(ILogger logger, Guid? actingUserId, string permissionName, string providerName, Guid targetId, Guid? tenantId);
}
