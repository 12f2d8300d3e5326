using AutoTracker.Authorization;
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

/// <summary>The roles one unit gives its members, with forms that add and remove them.</summary>
[Authorize(IdentityPermissions.OrganizationUnits.Default)]
public sealed class RolesModel(IOrganizationUnitAppService units, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    /// <summary>The role to add, chosen from <see cref="RoleChoices"/>.</summary>
    [BindProperty]
    public Guid? NewRoleId { get; set; }

    public OrganizationUnitDto Unit { get; private set; } = null!;

    public IReadOnlyList<OrganizationUnitRoleDto> Roles { get; private set; } = [];

    /// <summary>The tenant's roles that the unit does not give yet.</summary>
    public IReadOnlyList<OrganizationUnitRoleDto> RoleChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The service checks the permission before the input, so an empty choice is only reported to those who may add roles.
        try
        {
            await units.AddRolesAsync(id, new AddOrganizationUnitRolesDto { RoleIds = NewRoleId is { } roleId ? [roleId] : [] }, cancellationToken);
        }
        catch (InputValidationException) when (NewRoleId is null)
        {
            ModelState.AddModelError(nameof(NewRoleId), localizer["Choose a role."].Value);
            return Page();
        }
        catch (InputValidationException)
        {
            // A role of another tenant is not found, like a random id.
            return NotFound();
        }

        TempData[StatusMessage.Key] = localizer["The role was added to the unit."].Value;
        return RedirectToPage("/Identity/OrganizationUnits/Roles", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid roleId, CancellationToken cancellationToken)
    {
        try
        {
            await units.RemoveRoleAsync(id, roleId, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        TempData[StatusMessage.Key] = localizer["The role was removed from the unit."].Value;
        return RedirectToPage("/Identity/OrganizationUnits/Roles", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Unit = await units.GetAsync(id, cancellationToken);
            Roles = await units.GetRolesAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return false;
        }

        var unitRoleIds = Roles.Select(r => r.Id).ToHashSet();
        RoleChoices = (await units.GetRoleChoicesAsync(cancellationToken)).Where(r => !unitRoleIds.Contains(r.Id)).ToList();
        return true;
    }
}
