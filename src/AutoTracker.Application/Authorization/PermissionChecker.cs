using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;

namespace AutoTracker.Authorization;

/// <summary>
/// Checks the current user's permissions against the grants of the user and of the user's roles, which
/// <see cref="PermissionGrantCache"/> keeps. One instance serves one request (a DI scope), and it reads the grants
/// once per user, tenant and set of roles, however many checks the request makes.
/// </summary>
public sealed class PermissionChecker(
    ICurrentUser currentUser,
    ICurrentTenant currentTenant,
    PermissionDefinitionManager definitions,
    PermissionGrantCache cache,
    PermissionGrantStore store) : IPermissionChecker
{
    private HeldPermissions? _requestCopy;

    public async Task<bool> IsGrantedAsync(string name, CancellationToken cancellationToken = default)
    {
        var permission = definitions.Get(name);
        var side = currentTenant.Id is null ? MultiTenancySides.Host : MultiTenancySides.Tenant;
        if (currentUser.Id is null && SystemAccess.IsActive)
        {
            return permission.ExistsOn(side);
        }

        // Roles and grants belong to the user's own tenant, so they grant nothing in another tenant or on the host.
        if (currentUser.Id is not { } userId || currentUser.TenantId != currentTenant.Id)
        {
            return false;
        }

        var held = await GetHeldAsync(userId, cancellationToken);
        for (var current = permission; current is not null; current = current.Parent)
        {
            if (!current.ExistsOn(side) || !held.Contains(current.Name))
            {
                return false;
            }
        }

        return true;
    }

    public async Task CheckAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!await IsGrantedAsync(name, cancellationToken))
        {
            throw new AuthorizationException(name, currentUser.IsAuthenticated);
        }
    }

    /// <summary>Returns the names granted to the user or to any of the user's roles, from this request's copy when it has one.</summary>
    private async Task<IReadOnlySet<string>> GetHeldAsync(Guid userId, CancellationToken cancellationToken)
    {
        var roles = currentUser.Roles;
        var tenantId = currentTenant.Id;
        if (_requestCopy is { } held && held.Matches(tenantId, userId, roles))
        {
            return held.Names;
        }

        var providers = roles.Select(role => (PermissionProviderNames.Role, role))
            .Prepend((PermissionProviderNames.User, PermissionGrant.UserKey(userId)))
            .ToList();
        var names = await cache.GetGrantedAsync(tenantId, providers, store.LoadGrantedAsync, cancellationToken);
        _requestCopy = new HeldPermissions(tenantId, userId, roles.ToList(), names);
        return names;
    }

    private sealed record HeldPermissions(Guid? TenantId, Guid UserId, IReadOnlyList<string> Roles, IReadOnlySet<string> Names)
    {
        public bool Matches(Guid? tenantId, Guid userId, IReadOnlyList<string> roles) =>
            TenantId == tenantId && UserId == userId && Roles.SequenceEqual(roles, StringComparer.Ordinal);
    }
}
