using AutoTracker.Localization;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity.Users;

/// <summary>
/// The permission page of a user. The boxes are the user's own grants. Grants through the user's roles show as
/// read-only notes, because they change on the role's page.
/// </summary>
[Authorize(IdentityPermissions.Users.ManagePermissions)]
public sealed class PermissionsModel(IPermissionAppService permissionService, IStringLocalizer<AutoTrackerResource> localizer)
    : PermissionPageModel(permissionService, localizer)
{
    public override string ProviderName => PermissionProviderNames.User;

    /// <summary>The grants store user ids in the "D" format; the permission service finds the user or throws not found.</summary>
    protected override Task<string> FindProviderKeyAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(PermissionGrant.UserKey(id));
}
