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

    /// <summary>The tenant's vehicle and user counts against its limits; each call is recorded as a cross-tenant access.</summary>
    [HttpGet("{id:guid}/usage")]
    public Task<TenantUsageDto> GetUsageAsync(Guid id, CancellationToken cancellationToken) => tenants.GetUsageAsync(id, cancellationToken);

    /// <summary>Soft-deletes the tenant; the query parameter <c>confirmName</c> must repeat its name.</summary>
    [Authorize(TenantManagementPermissions.Tenants.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid id, [FromQuery] string? confirmName, CancellationToken cancellationToken)
    {
        await tenants.DeleteAsync(id, confirmName, cancellationToken);
        return NoContent();
    }

    /// <summary>Lists the tenant's former names, which no other tenant can take, newest first.</summary>
    [HttpGet("{id:guid}/former-names")]
    public Task<IReadOnlyList<FormerTenantNameDto>> GetFormerNamesAsync(Guid id, CancellationToken cancellationToken) =>
        tenants.GetFormerNamesAsync(id, cancellationToken);

    /// <summary>Releases one former name of the tenant, compared case-insensitively, so that any tenant can take it.</summary>
    [Authorize(TenantManagementPermissions.Tenants.Edit)]
    [HttpDelete("{id:guid}/former-names/{name}")]
    public async Task<IActionResult> ReleaseFormerNameAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        await tenants.ReleaseFormerNameAsync(id, name, cancellationToken);
        return NoContent();
    }
}

/// <summary>The database of each tenant, for host admins only. Connection strings are write-only: responses mask their passwords.</summary>
[ApiController]
[Route("api/tenant-management/tenants")]
[Authorize(TenantManagementPermissions.Tenants.ManageDatabase)]
public sealed class TenantDatabasesController(ITenantDatabaseAppService databases) : ControllerBase
{
    [HttpGet("{id:guid}/database")]
    public Task<TenantDatabaseDto> GetAsync(Guid id, CancellationToken cancellationToken) => databases.GetAsync(id, cancellationToken);

    [HttpPut("{id:guid}/database")]
    public Task<TenantDatabaseDto> UpdateAsync(Guid id, UpdateTenantDatabaseDto input, CancellationToken cancellationToken) =>
        databases.UpdateAsync(id, input, cancellationToken);

    /// <summary>Checks a connection string and connects with it, without storing anything; a failure is a 400 on connectionString.</summary>
    [HttpPost("database-connection-test")]
    public Task<TenantDatabaseTestResultDto> TestConnectionAsync(TestTenantDatabaseDto input, CancellationToken cancellationToken) =>
        databases.TestConnectionAsync(input, cancellationToken);
}
