using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity.Roles;

/// <summary>The permission page of a role. The built-in admin role is granted every permission, so its page is read-only.</summary>
[Authorize(IdentityPermissions.Roles.ManagePermissions)]
public sealed class PermissionsModel(IRoleAppService roles, IPermissionAppService permissionService, IStringLocalizer<AutoTrackerResource> localizer)
    : PermissionPageModel(permissionService, localizer)
{
    public override string ProviderName => PermissionProviderNames.Role;

    protected override async Task<string> FindProviderKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var role = await roles.GetAsync(id, cancellationToken);
        IsReadOnly = role.IsStatic && role.Name == StaticRoleNames.Admin;
        return role.Name;
    }
}
