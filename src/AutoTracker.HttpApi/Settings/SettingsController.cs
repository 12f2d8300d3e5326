using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Settings;

/// <summary>The current tenant's settings, for its admins: host users and other tenant users get 403.</summary>
[ApiController]
[Route("api/setting-management/tenant")]
[Authorize(AutoTracker.Permissions.SettingManagementPermissions.TenantSettings)]
public sealed class TenantSettingsController(ISettingManagementAppService settings) : ControllerBase
{
    [HttpGet]
    public Task<SettingsDto> GetAsync(CancellationToken cancellationToken) => settings.GetTenantAsync(cancellationToken);

    /// <summary>Sets or (with a null value) removes overrides; a stale concurrency stamp gets 409.</summary>
    [HttpPut]
    public Task<SettingsDto> UpdateAsync(UpdateSettingsDto input, CancellationToken cancellationToken) =>
        settings.UpdateTenantAsync(input, cancellationToken);
}

/// <summary>The host defaults of every setting, for host users only: tenant users get 403.</summary>
[ApiController]
[Route("api/setting-management/host")]
[Authorize(AutoTracker.Permissions.SettingManagementPermissions.HostSettings)]
public sealed class HostSettingsController(ISettingManagementAppService settings) : ControllerBase
{
    [HttpGet]
    public Task<SettingsDto> GetAsync(CancellationToken cancellationToken) => settings.GetHostAsync(cancellationToken);

    /// <summary>Sets or (with a null value) removes host defaults; a stale concurrency stamp gets 409.</summary>
    [HttpPut]
    public Task<SettingsDto> UpdateAsync(UpdateSettingsDto input, CancellationToken cancellationToken) =>
        settings.UpdateHostAsync(input, cancellationToken);
}
