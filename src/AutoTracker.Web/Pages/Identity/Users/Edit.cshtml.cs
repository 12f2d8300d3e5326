using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity.Users;

/// <summary>
/// Form that edits a user's details, roles, active flag and lockout setting, with buttons that lock and unlock the
/// user and send a set-password link.
/// </summary>
[Authorize(IdentityPermissions.Users.Edit)]
public sealed class EditModel(IIdentityUserAppService users, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public IdentityUserUpdateDto Input { get; set; } = new();

    /// <summary>The stored user, as loaded before the save.</summary>
    public IdentityUserDto StoredUser { get; private set; } = null!;

    public IReadOnlyList<AssignableRoleDto> Roles { get; private set; } = [];

    /// <summary>Set when someone else changed the user since the form was opened.</summary>
    public bool HasConflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new IdentityUserUpdateDto
        {
            UserName = StoredUser.UserName,
            Email = StoredUser.Email ?? string.Empty,
            PhoneNumber = StoredUser.PhoneNumber,
            IsActive = StoredUser.IsActive,
            LockoutEnabled = StoredUser.LockoutEnabled,
            RoleNames = StoredUser.RoleNames.ToList(),
            ConcurrencyStamp = StoredUser.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The form always shows every role, so no checked box means no roles, not "keep the roles".
        Input.RoleNames ??= [];
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var saved = await users.UpdateAsync(id, Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["User {0} saved.", saved.UserName].Value;
            return RedirectToPage("/Identity/Users/Index", new { Filter = saved.UserName });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
        catch (ConcurrencyConflictException)
        {
            HasConflict = true;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
            Input.ConcurrencyStamp = StoredUser.ConcurrencyStamp;
            return Page();
        }
    }

    /// <summary>Locks the user until <paramref name="lockoutEnd"/> (UTC), or until unlocked when it is empty.</summary>
    public Task<IActionResult> OnPostLockAsync(Guid id, DateTime? lockoutEnd, CancellationToken cancellationToken) =>
        ActAsync(
            id,
            () => users.LockAsync(id, new IdentityUserLockDto { LockoutEnd = lockoutEnd is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : null }, cancellationToken),
            localizer["The user is locked and was signed out."]);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.UnlockAsync(id, cancellationToken), localizer["The user is unlocked."]);

    public Task<IActionResult> OnPostSendPasswordResetAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(
            id,
            async () =>
            {
                await users.SendPasswordResetAsync(id, cancellationToken);
                return true;
            },
            localizer["A link to set a password was sent to the user's e-mail address."]);

    /// <summary>Runs one of the buttons' actions and returns to the form with its outcome as the status message.</summary>
    private async Task<IActionResult> ActAsync<T>(Guid id, Func<Task<T>> action, LocalizedString success)
    {
        try
        {
            await action();
            TempData[StatusMessage.Key] = success.Value;
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (InputValidationException ex)
        {
            TempData[StatusMessage.ErrorKey] = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
        catch (BusinessException ex)
        {
            TempData[StatusMessage.ErrorKey] = ex.Message;
        }

        return RedirectToPage("/Identity/Users/Edit", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            StoredUser = await users.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return false;
        }

        Roles = await users.GetAssignableRolesAsync(cancellationToken);
        return true;
    }
}
