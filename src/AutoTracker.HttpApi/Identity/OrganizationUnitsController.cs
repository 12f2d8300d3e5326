using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Identity;

/// <summary>The organization unit tree of the current tenant, with its members and the roles it gives them.</summary>
[ApiController]
[Route("api/identity/organization-units")]
[Authorize(IdentityPermissions.OrganizationUnits.Default)]
public sealed class OrganizationUnitsController(IOrganizationUnitAppService units) : ControllerBase
{
    /// <summary>Lists every unit of the tenant sorted by code, so each parent comes before its children.</summary>
    [HttpGet]
    public Task<IReadOnlyList<OrganizationUnitDto>> GetListAsync(CancellationToken cancellationToken) => units.GetListAsync(cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<OrganizationUnitDto> GetAsync(Guid id, CancellationToken cancellationToken) => units.GetAsync(id, cancellationToken);

    [Authorize(IdentityPermissions.OrganizationUnits.Create)]
    [HttpPost]
    public async Task<ActionResult<OrganizationUnitDto>> CreateAsync(CreateOrganizationUnitDto input, CancellationToken cancellationToken)
    {
        var created = await units.CreateAsync(input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { id = created.Id }, created);
    }

    [Authorize(IdentityPermissions.OrganizationUnits.Edit)]
    [HttpPut("{id:guid}")]
    public Task<OrganizationUnitDto> UpdateAsync(Guid id, UpdateOrganizationUnitDto input, CancellationToken cancellationToken) =>
        units.UpdateAsync(id, input, cancellationToken);

    [Authorize(IdentityPermissions.OrganizationUnits.Edit)]
    [HttpPut("{id:guid}/move")]
    public Task<OrganizationUnitDto> MoveAsync(Guid id, MoveOrganizationUnitDto input, CancellationToken cancellationToken) =>
        units.MoveAsync(id, input, cancellationToken);

    [Authorize(IdentityPermissions.OrganizationUnits.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await units.DeleteAsync(id, cancellationToken);
        return NoContent();
    }

    [HttpGet("{id:guid}/members")]
    public Task<IReadOnlyList<OrganizationUnitMemberDto>> GetMembersAsync(Guid id, CancellationToken cancellationToken) =>
        units.GetMembersAsync(id, cancellationToken);

    /// <summary>Adds users to the unit; a unit with roles also requires Identity.Users.ManagePermissions.</summary>
    [Authorize(IdentityPermissions.OrganizationUnits.ManageMembers)]
    [HttpPost("{id:guid}/members")]
    public async Task<IActionResult> AddMembersAsync(Guid id, AddOrganizationUnitMembersDto input, CancellationToken cancellationToken)
    {
        await units.AddMembersAsync(id, input, cancellationToken);
        return NoContent();
    }

    [Authorize(IdentityPermissions.OrganizationUnits.ManageMembers)]
    [HttpDelete("{id:guid}/members/{userId:guid}")]
    public async Task<IActionResult> RemoveMemberAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        await units.RemoveMemberAsync(id, userId, cancellationToken);
        return NoContent();
    }

    [HttpGet("{id:guid}/roles")]
    public Task<IReadOnlyList<OrganizationUnitRoleDto>> GetRolesAsync(Guid id, CancellationToken cancellationToken) =>
        units.GetRolesAsync(id, cancellationToken);

    /// <summary>Gives the unit's members these roles; the service also requires Identity.Roles.ManagePermissions.</summary>
    [Authorize(IdentityPermissions.OrganizationUnits.ManageMembers)]
    [HttpPost("{id:guid}/roles")]
    public async Task<IActionResult> AddRolesAsync(Guid id, AddOrganizationUnitRolesDto input, CancellationToken cancellationToken)
    {
        await units.AddRolesAsync(id, input, cancellationToken);
        return NoContent();
    }

    [Authorize(IdentityPermissions.OrganizationUnits.ManageMembers)]
    [HttpDelete("{id:guid}/roles/{roleId:guid}")]
    public async Task<IActionResult> RemoveRoleAsync(Guid id, Guid roleId, CancellationToken cancellationToken)
    {
        await units.RemoveRoleAsync(id, roleId, cancellationToken);
        return NoContent();
    }
}
