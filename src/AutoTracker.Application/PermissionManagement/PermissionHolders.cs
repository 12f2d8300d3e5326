using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Identity;

namespace AutoTracker.PermissionManagement;

/// <summary>
/// Keeps a tenant from losing its last active user who can manage permissions, which would leave nobody able to
/// restore them: the acting user may not revoke that right from themselves when no other user would keep it.
/// </summary>
public sealed class PermissionHolders(
    PermissionGrantStore grants,
    PermissionDefinitionManager definitions,
    UserManager<AppUser> userManager,
    ICurrentUser currentUser,
    TimeProvider timeProvider)
{
    /// <summary>Either of these lets a user give the rights back, because each opens the permission dialog.</summary>
    private static readonly string[] ManagementPermissions = [IdentityPermissions.Roles.ManagePermissions, IdentityPermissions.Users.ManagePermissions];

    /// <summary>The right to change users; without a holder, no user could be unlocked, reactivated or given roles.</summary>
    private static readonly string[] UserManagementPermissions = [IdentityPermissions.Users.Edit];

    /// <summary>
    /// Throws <see cref="BusinessException"/> when replacing the grants of one role or user with
    /// <paramref name="grantedAfter"/> would take the management permissions from the acting user while no other
    /// active user of the tenant keeps one.
    /// </summary>
    public async Task EnsureActingUserKeepsManagementAsync(string providerName, string providerKey, IReadOnlySet<string> grantedAfter, CancellationToken cancellationToken)
    {
        if (currentUser.Id is not { } actingUserId)
        {
            return;
        }

        var (holdersBefore, holdersAfter) = await CompareHoldersAsync(providerName, providerKey, grantedAfter, ManagementPermissions, cancellationToken);
        if (holdersBefore.Contains(actingUserId) && holdersAfter.Count == 0)
        {
            throw new BusinessException(
                ErrorCodes.LastPermissionManager,
                "This change would take the right to manage permissions from you, and no other active user of the tenant holds it. Give it to another user first.");
        }

        await EnsureUserManagerRemainsAsync(providerName, providerKey, grantedAfter, cancellationToken);
    }

    /// <summary>
    /// Throws <see cref="BusinessException"/> when deleting the role named <paramref name="roleName"/>, with its grants
    /// and memberships, would take the management permissions from the acting user, or from every active user of the
    /// tenant. Unlike a grant change, a delete is rejected even when another user keeps the right, because a role that
    /// is gone cannot be given back to oneself.
    /// </summary>
    public async Task EnsureRoleRemovalKeepsManagementAsync(string roleName, CancellationToken cancellationToken)
    {
        var (holdersBefore, holdersAfter) = await CompareHoldersAsync(PermissionProviderNames.Role, roleName, new HashSet<string>(), ManagementPermissions, cancellationToken);
        if (currentUser.Id is { } actingUserId && holdersBefore.Contains(actingUserId) && !holdersAfter.Contains(actingUserId))
        {
            throw new BusinessException(
                ErrorCodes.LastPermissionManager,
                "Deleting this role would take the right to manage permissions from you. Give it to your user or another of your roles first.");
        }

        if (holdersBefore.Count > 0 && holdersAfter.Count == 0)
        {
            throw new BusinessException(
                ErrorCodes.LastPermissionManager,
                "Deleting this role would leave no active user of the tenant with the right to manage permissions. Give it to another user first.");
        }

        await EnsureUserManagerRemainsAsync(PermissionProviderNames.Role, roleName, new HashSet<string>(), cancellationToken);
    }

    /// <summary>
    /// Throws <see cref="BusinessException"/> when replacing the grants of one role or user with
    /// <paramref name="grantedAfter"/> would leave the tenant, which had an active user who can edit users, without one.
    /// </summary>
    private async Task EnsureUserManagerRemainsAsync(string providerName, string providerKey, IReadOnlySet<string> grantedAfter, CancellationToken cancellationToken)
    {
        var (before, after) = await CompareHoldersAsync(providerName, providerKey, grantedAfter, UserManagementPermissions, cancellationToken);
        if (before.Count > 0 && after.Count == 0)
        {
            throw new BusinessException(
                ErrorCodes.LastUserManager,
                $"This change would leave no active user of the tenant with the right to edit users ({IdentityPermissions.Users.Edit}). Give it to another user first.");
        }
    }

    /// <summary>
    /// Returns the ids of the active users who hold one of <paramref name="anyOf"/> now, and who would hold one after
    /// the grants of one role or user became <paramref name="grantedAfter"/>. Both sets are empty when the change
    /// touches none of those permissions or their ancestors.
    /// </summary>
    private async Task<(HashSet<Guid> Before, HashSet<Guid> After)> CompareHoldersAsync(
        string providerName,
        string providerKey,
        IReadOnlySet<string> grantedAfter,
        IReadOnlyList<string> anyOf,
        CancellationToken cancellationToken)
    {
        var relevant = anyOf.SelectMany(SelfAndAncestors).ToHashSet(StringComparer.Ordinal);
        var before = await grants.LoadHoldersAsync(relevant, cancellationToken);
        var after = before
            .Where(g => g.ProviderName != providerName || g.ProviderKey != providerKey)
            .Concat(grantedAfter.Where(relevant.Contains).Select(name => (name, providerName, providerKey)))
            .ToList();
        if (after.Count >= before.Count && before.All(after.Contains))
        {
            return ([], []);
        }

        var members = await LoadRoleMembersAsync(before.Concat(after), cancellationToken);
        return (await FindHoldersAsync(before, members, anyOf, cancellationToken), await FindHoldersAsync(after, members, anyOf, cancellationToken));
    }

    private IEnumerable<string> SelfAndAncestors(string name)
    {
        for (var permission = definitions.Get(name); permission is not null; permission = permission.Parent)
        {
            yield return permission.Name;
        }
    }

    /// <summary>Returns the active, unlocked members of every role that appears in <paramref name="rows"/>, by role name.</summary>
    private async Task<Dictionary<string, IReadOnlyList<AppUser>>> LoadRoleMembersAsync(
        IEnumerable<(string Name, string ProviderName, string ProviderKey)> rows,
        CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, IReadOnlyList<AppUser>>(StringComparer.Ordinal);
        foreach (var role in rows.Where(r => r.ProviderName == PermissionProviderNames.Role).Select(r => r.ProviderKey).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            members[role] = (await userManager.GetUsersInRoleAsync(role)).Where(CanSignIn).ToList();
        }

        return members;
    }

    /// <summary>Returns the ids of the active, unlocked users who would hold one of <paramref name="anyOf"/> with these grants.</summary>
    private async Task<HashSet<Guid>> FindHoldersAsync(
        IReadOnlyList<(string Name, string ProviderName, string ProviderKey)> rows,
        Dictionary<string, IReadOnlyList<AppUser>> roleMembers,
        IReadOnlyList<string> anyOf,
        CancellationToken cancellationToken)
    {
        var held = new Dictionary<Guid, HashSet<string>>();
        foreach (var (name, providerName, providerKey) in rows)
        {
            var users = providerName == PermissionProviderNames.Role
                ? roleMembers[providerKey].Select(u => u.Id)
                : await ActiveUserIdAsync(providerKey, cancellationToken);
            foreach (var userId in users)
            {
                if (!held.TryGetValue(userId, out var names))
                {
                    held[userId] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.Add(name);
            }
        }

        return held.Where(h => anyOf.Any(m => SelfAndAncestors(m).All(h.Value.Contains))).Select(h => h.Key).ToHashSet();
    }

    private async Task<IEnumerable<Guid>> ActiveUserIdAsync(string userKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await userManager.FindByIdAsync(userKey);
        return user is not null && CanSignIn(user) ? [user.Id] : [];
    }

    /// <summary>Returns whether the user is active and not locked out, so that they could use the right.</summary>
    private bool CanSignIn(AppUser user) => user.IsActive && !(user.LockoutEnabled && user.LockoutEnd > timeProvider.GetUtcNow());
}
