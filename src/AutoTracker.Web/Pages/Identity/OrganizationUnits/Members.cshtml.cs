using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity.OrganizationUnits;

/// <summary>The members of one unit, with forms that add a user by user name and remove a member.</summary>
[Authorize(IdentityPermissions.OrganizationUnits.Default)]
public sealed class MembersModel(IOrganizationUnitAppService units, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    /// <summary>User name of the user to add, compared as Identity compares user names at sign-in.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    public OrganizationUnitDto Unit { get; private set; } = null!;

    public IReadOnlyList<OrganizationUnitMemberDto> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await units.AddMemberByUserNameAsync(id, UserName ?? string.Empty, cancellationToken);
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, string.Empty, GetType());
            return Page();
        }

        TempData[StatusMessage.Key] = localizer["{0} added to the unit.", UserName!.Trim()].Value;
        return RedirectToPage("/Identity/OrganizationUnits/Members", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            await units.RemoveMemberAsync(id, userId, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        TempData[StatusMessage.Key] = localizer["The member was removed from the unit."].Value;
        return RedirectToPage("/Identity/OrganizationUnits/Members", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Unit = await units.GetAsync(id, cancellationToken);
            Members = await units.GetMembersAsync(id, cancellationToken);
            return true;
        }
        catch (EntityNotFoundException)
        {
            return false;
        }
    }
}
