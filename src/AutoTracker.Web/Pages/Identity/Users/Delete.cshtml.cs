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

/// <summary>Confirmation page for deleting a user; only the POST deletes.</summary>
[Authorize(IdentityPermissions.Users.Delete)]
public sealed class DeleteModel(IIdentityUserAppService users, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    public IdentityUserDto StoredUser { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            StoredUser = await users.GetAsync(id, cancellationToken);
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
            StoredUser = await users.GetAsync(id, cancellationToken);
            await users.DeleteAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(DeleteModel));
            return Page();
        }

        TempData[StatusMessage.Key] = localizer["User {0} deleted.", StoredUser.UserName].Value;
        return RedirectToPage("/Identity/Users/Index");
    }
}
