using AutoTracker.Application;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Identity;

/// <summary>Roles of the caller's tenant, or of the host for host users, on ABP's route.</summary>
[ApiController]
[Route("api/identity/roles")]
[Authorize(IdentityPermissions.Roles.Default)]
public sealed class RolesController(IRoleAppService roles) : ControllerBase
{
    [HttpGet]
    public Task<PagedResult<IdentityRoleDto>> GetListAsync([FromQuery] GetRoleListInput input, CancellationToken cancellationToken) =>
        roles.GetListAsync(input, cancellationToken);

    [HttpGet("all")]
    public Task<IReadOnlyList<IdentityRoleDto>> GetAllAsync(CancellationToken cancellationToken) => roles.GetAllAsync(cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<IdentityRoleDto> GetAsync(Guid id, CancellationToken cancellationToken) => roles.GetAsync(id, cancellationToken);

    [Authorize(IdentityPermissions.Roles.Create)]
    [HttpPost]
    public async Task<ActionResult<IdentityRoleDto>> CreateAsync(CreateRoleDto input, CancellationToken cancellationToken)
    {
        var created = await roles.CreateAsync(input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { id = created.Id }, created);
    }

    [Authorize(IdentityPermissions.Roles.Edit)]
    [HttpPut("{id:guid}")]
    public Task<IdentityRoleDto> UpdateAsync(Guid id, UpdateRoleDto input, CancellationToken cancellationToken) =>
        roles.UpdateAsync(id, input, cancellationToken);

    [Authorize(IdentityPermissions.Roles.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await roles.DeleteAsync(id, cancellationToken);
        return NoContent();
    }
}
