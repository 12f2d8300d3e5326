using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.PermissionManagement;

/// <summary>
/// The permission dialog's API, on ABP's route. The application service checks the permission, because it depends
/// on <c>providerName</c>: managing a role's grants or a user's.
/// </summary>
[ApiController]
[Route("api/permission-management/permissions")]
public sealed class PermissionsController(IPermissionAppService permissions) : ControllerBase
{
    [HttpGet]
    public Task<GetPermissionListResultDto> GetAsync([FromQuery] string providerName, [FromQuery] string providerKey, CancellationToken cancellationToken) =>
        permissions.GetAsync(providerName, providerKey, cancellationToken);

    [HttpPut]
    public async Task<IActionResult> UpdateAsync(
        [FromQuery] string providerName,
        [FromQuery] string providerKey,
        UpdatePermissionsDto input,
        CancellationToken cancellationToken)
    {
        await permissions.UpdateAsync(providerName, providerKey, input, cancellationToken);
        return NoContent();
    }
}
