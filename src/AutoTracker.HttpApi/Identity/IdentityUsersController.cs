using AutoTracker.Application;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Identity;

/// <summary>The users of the caller's tenant, or the host's users for host callers.</summary>
[ApiController]
[Route("api/identity/users")]
[Authorize(IdentityPermissions.Users.Default)]
public sealed class IdentityUsersController(IIdentityUserAppService users) : ControllerBase
{
    [HttpGet]
    public Task<PagedResult<IdentityUserDto>> GetListAsync([FromQuery] GetIdentityUsersInput input, CancellationToken cancellationToken) =>
        users.GetListAsync(input, cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<IdentityUserDto> GetAsync(Guid id, CancellationToken cancellationToken) => users.GetAsync(id, cancellationToken);

    [HttpGet("{id:guid}/roles")]
    public Task<IReadOnlyList<string>> GetRolesAsync(Guid id, CancellationToken cancellationToken) => users.GetRolesAsync(id, cancellationToken);

    [Authorize(IdentityPermissions.Users.Create)]
    [HttpPost]
    public async Task<ActionResult<IdentityUserDto>> CreateAsync(IdentityUserCreateDto input, CancellationToken cancellationToken)
    {
        var created = await users.CreateAsync(input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { id = created.Id }, created);
    }

    [Authorize(IdentityPermissions.Users.Edit)]
    [HttpPut("{id:guid}")]
    public Task<IdentityUserDto> UpdateAsync(Guid id, IdentityUserUpdateDto input, CancellationToken cancellationToken) =>
        users.UpdateAsync(id, input, cancellationToken);

    [Authorize(IdentityPermissions.Users.Edit)]
    [HttpPut("{id:guid}/roles")]
    public Task<IdentityUserDto> UpdateRolesAsync(Guid id, IdentityUserUpdateRolesDto input, CancellationToken cancellationToken) =>
        users.UpdateRolesAsync(id, input, cancellationToken);

    [Authorize(IdentityPermissions.Users.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await users.DeleteAsync(id, cancellationToken);
        return NoContent();
    }

    /// <summary>Locks the user until <c>lockoutEnd</c>, or until an administrator unlocks them when it is null.</summary>
    [Authorize(IdentityPermissions.Users.Edit)]
    [HttpPost("{id:guid}/lock")]
    public Task<IdentityUserDto> LockAsync(Guid id, IdentityUserLockDto input, CancellationToken cancellationToken) =>
        users.LockAsync(id, input, cancellationToken);

    [Authorize(IdentityPermissions.Users.Edit)]
    [HttpPost("{id:guid}/unlock")]
    public Task<IdentityUserDto> UnlockAsync(Guid id, CancellationToken cancellationToken) => users.UnlockAsync(id, cancellationToken);

    /// <summary>E-mails an invitation (user without password) or a password reset link to the user's stored address.</summary>
    [Authorize(IdentityPermissions.Users.Edit)]
    [HttpPost("{id:guid}/send-password-reset")]
    public async Task<IActionResult> SendPasswordResetAsync(Guid id, CancellationToken cancellationToken)
    {
        await users.SendPasswordResetAsync(id, cancellationToken);
        return NoContent();
    }
}
