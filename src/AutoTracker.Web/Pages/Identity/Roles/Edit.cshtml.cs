using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity.Roles;

/// <summary>
/// Form that renames a role and sets its default flag. A rename moves the role's grants, so its members keep their
/// permissions. Built-in roles show their name read-only.
/// </summary>
[Authorize(IdentityPermissions.Roles.Edit)]
public sealed class EditModel(
    IRoleAppService roles,
    IServiceScopeFactory scopes,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateRoleDto Input { get; set; } = new();

    /// <summary>The stored role: as loaded before the save, or as re-read after a conflict.</summary>
    public IdentityRoleDto Role { get; private set; } = null!;

    /// <summary>Set when the save failed because someone else changed the role since the form was opened.</summary>
    public bool HasConflict { get; private set; }

    /// <summary>Set when the role was deleted by someone else while the form was open.</summary>
    public bool WasDeleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Role = await roles.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Input = new UpdateRoleDto { Name = Role.Name, IsDefault = Role.IsDefault, ConcurrencyStamp = Role.ConcurrencyStamp };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Role = await roles.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var saved = await roles.UpdateAsync(id, Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Role {0} saved.", saved.Name].Value;
            return RedirectToPage("/Identity/Roles/Index", new { Filter = saved.Name });
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
        catch (ConcurrencyConflictException)
        {
            await ShowCurrentValuesAsync(id, cancellationToken);
            return Page();
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return Page();
        }
    }

    private async Task ShowCurrentValuesAsync(Guid id, CancellationToken cancellationToken)
    {
        IdentityRoleDto current;
        try
        {
            current = await scopes.ReadFreshAsync<IRoleAppService, IdentityRoleDto>(s => s.GetAsync(id, cancellationToken));
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return;
        }

        HasConflict = true;
        Role = current;
        var display = new ConcurrencyConflictDisplay(ModelState, localizer, nameof(Input));
        display.Compare(nameof(Input.Name), Input.Name, current.Name);
        display.Compare(nameof(Input.IsDefault), Input.IsDefault, current.IsDefault);

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
