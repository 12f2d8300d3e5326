using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;

namespace AutoTracker.Identity;

/// <summary>The state of a user after a planned change: active flag, lock and roles.</summary>
public sealed record PlannedUserState(bool IsActive, bool IsLocked, IReadOnlyCollection<string> RoleNames);

/// <summary>
/// Keeps user management possible. Acting users cannot delete, deactivate or lock themselves, nor change their own
/// roles so that they lose <see cref="IdentityPermissions.Users.Edit"/>. And no change may leave the tenant (or the
/// host) without an active, unlocked user who holds it, because nobody could give the roles back then. Nor may it
/// leave them without one who can manage permissions of roles or users.
/// </summary>
public sealed class UserManagementGuard(
    PermissionGrantStore grants,
    PermissionDefinitionManager definitions,
    IUserRoleReader userRoles,
    UserManager<AppUser> userManager,
    IQueryExecutor executor,
    IPermissionChecker permissions,
    ICurrentUser currentUser,
    TimeProvider timeProvider)
{
    /// <summary>User management as this guard protects it: the permission with its ancestors.</summary>
    private IReadOnlyList<string> Required => definitions.Get(IdentityPermissions.Users.Edit).SelfAndAncestors().ToList();

    /// <summary>
    /// Permission management, which the permission dialog of roles or of users gives: each entry is one permission with
    /// its ancestors, and holding either entry is enough.
    /// </summary>
    private IReadOnlyList<IReadOnlyList<string>> PermissionManagement =>
    [
        definitions.Get(IdentityPermissions.Roles.ManagePermissions).SelfAndAncestors().ToList(),
        definitions.Get(IdentityPermissions.Users.ManagePermissions).SelfAndAncestors().ToList(),
    ];

    /// <summary>Throws when the acting user is <paramref name="targetId"/>; <paramref name="action"/> completes "You cannot ... yourself".</summary>
    public void EnsureNotSelf(Guid targetId, string action, string? field = null)
    {
        if (currentUser.Id == targetId)
        {
            throw new BusinessException(ErrorCodes.UserSelfChangeForbidden, $"You cannot {action} yourself. Ask another administrator.", field);
        }
    }

    /// <summary>
    /// Throws <see cref="BusinessException"/> unless the acting user holds every permission that another user
    /// <paramref name="targetId"/> holds through <paramref name="targetRoles"/> or own grants. Without this rule a
    /// user manager could take a stronger account by changing its e-mail address and sending a reset link, or
    /// demote, lock or delete the administrators.
    /// </summary>
    public async Task EnsureActingUserHoldsPermissionsOfAsync(Guid targetId, IReadOnlyCollection<string> targetRoles, CancellationToken cancellationToken)
    {
        if (currentUser.Id == targetId)
        {
            return;
        }

        var fromRoles = await grants.LoadGrantsAsync(PermissionProviderNames.Role, targetRoles, cancellationToken);
        var own = await grants.LoadGrantedAsync(PermissionProviderNames.User, PermissionGrant.UserKey(targetId), cancellationToken);
        foreach (var name in fromRoles.Select(g => g.Name).Concat(own).Distinct(StringComparer.Ordinal))
        {
            if (definitions.Find(name) is not null && !await permissions.IsGrantedAsync(name, cancellationToken))
            {
                throw new BusinessException(
                    ErrorCodes.UserHasMorePermissions,
                    $"The user holds the permission {name}, which you do not hold. Only a user who holds every permission of another user can change, lock or delete that user.");
            }
        }
    }

    /// <summary>
    /// Throws <see cref="BusinessException"/> when changing <paramref name="targetId"/> to <paramref name="after"/>
    /// (null: deleting it) would take user management from the acting user, or from the last active user who holds it.
    /// </summary>
    public async Task EnsureManagementRemainsAsync(Guid targetId, PlannedUserState? after, string? field, CancellationToken cancellationToken)
    {
        var required = Required;
        var permissionManagement = PermissionManagement;
        var rows = await grants.LoadHoldersAsync(required.Concat(permissionManagement.SelectMany(p => p)).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var roleNames = rows.Where(r => r.ProviderName == PermissionProviderNames.Role).Select(r => r.ProviderKey)
            .Concat(after?.RoleNames ?? [])
            .ToHashSet(StringComparer.Ordinal);
        var memberships = await userRoles.GetMembersAsync(roleNames, cancellationToken);

        var userIds = memberships.Select(m => m.UserId)
            .Concat(rows.Where(r => r.ProviderName == PermissionProviderNames.User).Select(r => Guid.TryParse(r.ProviderKey, out var id) ? id : Guid.Empty))
            .Append(targetId)
            .Where(id => id != Guid.Empty)
            .ToHashSet();
        var users = await executor.ToListAsync(
            userManager.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.IsActive, u.LockoutEnabled, u.LockoutEnd }),
            cancellationToken);
        var now = timeProvider.GetUtcNow();
        var usable = users.Where(u => u.IsActive && !(u.LockoutEnabled && u.LockoutEnd > now)).Select(u => u.Id).ToHashSet();

        var before = Holders(required, rows, memberships, usable);
        var plannedMemberships = memberships.Where(m => m.UserId != targetId)
            .Concat((after?.RoleNames ?? []).Select(name => (targetId, name)))
            .ToList();
        var plannedUsable = new HashSet<Guid>(usable);
        plannedUsable.Remove(targetId);
        if (after is { IsActive: true, IsLocked: false })
        {
            plannedUsable.Add(targetId);
        }

        var afterHolders = Holders(required, rows, plannedMemberships, plannedUsable);
        if (currentUser.Id is { } actingId && before.Contains(actingId) && !afterHolders.Contains(actingId))
        {
            throw new BusinessException(
                ErrorCodes.UserSelfChangeForbidden,
                "This change would take your own right to manage users. Ask another administrator to make it.",
                field);
        }

        if (before.Count > 0 && afterHolders.Count == 0)
        {
            throw new BusinessException(
                ErrorCodes.LastUserManager,
                "This change would leave no active user who can manage users. Give that right to another user first.",
                field);
        }

        // A user who keeps user management can still be left unable to give the admin role back, because that needs
        // every permission of the role. So at least one active user must keep the right to manage permissions too.
        var permissionManagersBefore = permissionManagement.SelectMany(p => Holders(p, rows, memberships, usable)).ToHashSet();
        var permissionManagersAfter = permissionManagement.SelectMany(p => Holders(p, rows, plannedMemberships, plannedUsable)).ToHashSet();
        if (permissionManagersBefore.Count > 0 && permissionManagersAfter.Count == 0)
        {
            throw new BusinessException(
                ErrorCodes.LastPermissionManager,
                "This change would leave no active user who can manage permissions. Give that right to another user first.",
                field);
        }
    }

    /// <summary>Returns the usable users who hold every permission of <paramref name="required"/> through their own grants or their roles.</summary>
    private static HashSet<Guid> Holders(
        IReadOnlyList<string> required,
        IReadOnlyList<(string Name, string ProviderName, string ProviderKey)> rows,
        IReadOnlyList<(Guid UserId, string RoleName)> memberships,
        HashSet<Guid> usable)
    {
        var held = new Dictionary<Guid, HashSet<string>>();
        void Add(Guid userId, string permission)
        {
            if (!held.TryGetValue(userId, out var names))
            {
                held[userId] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            names.Add(permission);
        }

        var rolesByName = memberships.ToLookup(m => m.RoleName, m => m.UserId, StringComparer.Ordinal);
        foreach (var (name, providerName, providerKey) in rows)
        {
            if (providerName == PermissionProviderNames.Role)
            {
                foreach (var userId in rolesByName[providerKey])
                {
                    Add(userId, name);
                }
            }
            else if (providerName == PermissionProviderNames.User && Guid.TryParse(providerKey, out var userId))
            {
                Add(userId, name);
            }
        }

        return held.Where(h => usable.Contains(h.Key) && required.All(h.Value.Contains)).Select(h => h.Key).ToHashSet();
    }
}
