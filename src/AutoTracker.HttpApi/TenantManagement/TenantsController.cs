using AutoTracker.Application;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.TenantManagement;

/// <summary>Tenant administration for host admins: tenant users get 403 here.</summary>
[ApiController]
[Route("api/tenant-management/tenants")]
[Authorize(TenantManagementPermissions.Tenants.Default)]
public sealed class TenantsController(ITenantAppService tenants) : ControllerBase
{
    [HttpGet]
    public Task<PagedResult<TenantDto>> GetListAsync([FromQuery] GetTenantListInput input, CancellationToken cancellationToken) =>
        tenants.GetListAsync(input, cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<TenantDto> GetAsync(Guid id, CancellationToken cancellationToken) => tenants.GetAsync(id, cancellationToken);

    [Authorize(TenantManagementPermissions.Tenants.Create)]
    [HttpPost]
    public async Task<ActionResult<TenantDto>> CreateAsync(CreateTenantDto input, CancellationToken cancellationToken)
    {
        var created = await tenants.CreateAsync(input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { id = created.Id }, created);
    }

    [Authorize(TenantManagementPermissions.Tenants.Edit)]
    [HttpPut("{id:guid}")]
    public Task<TenantDto> UpdateAsync(Guid id, UpdateTenantDto input, CancellationToken cancellationToken) =>
        tenants.UpdateAsync(id, input, cancellationToken);

    [Authorize(TenantManagementPermissions.Tenants.Edit)]
    [HttpPost("{id:guid}/activate")]
    public Task<TenantDto> ActivateAsync(Guid id, CancellationToken cancellationToken) => tenants.SetActiveAsync(id, true, cancellationToken);

    [Authorize(TenantManagementPermissions.Tenants.Edit)]
    [HttpPost("{id:guid}/deactivate")]
    public Task<TenantDto> DeactivateAsync(Guid id, CancellationToken cancellationToken) => tenants.SetActiveAsync(id, false, cancellationToken);

    /// <summary>Soft-deletes the tenant; the query parameter <c>confirmName</c> must repeat its name.</summary>
    [Authorize(TenantManagementPermissions.Tenants.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid id, [FromQuery] string? confirmName, CancellationToken cancellationToken)
    {
        await tenants.DeleteAsync(id, confirmName, cancellationToken);
        return NoContent();
    }
}
