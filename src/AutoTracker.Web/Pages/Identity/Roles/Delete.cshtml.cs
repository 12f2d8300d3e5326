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

/// <summary>Confirmation page for deleting a role with its grants and memberships. Only the POST deletes.</summary>
[Authorize(IdentityPermissions.Roles.Delete)]
public sealed class DeleteModel(IRoleAppService roles, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    public IdentityRoleDto Role { get; private set; } = null!;

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

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Role = await roles.GetAsync(id, cancellationToken);
            await roles.DeleteAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            // Field errors name the role's id, which the form does not show, so every message goes to the summary.
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }

        TempData[StatusMessage.Key] = localizer["Role {0} deleted.", Role.Name].Value;
        return RedirectToPage("/Identity/Roles/Index");
    }
}
