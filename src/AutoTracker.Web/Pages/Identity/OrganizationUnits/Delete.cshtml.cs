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

/// <summary>Confirmation that deletes a unit with the units below it; their vehicles stay and become unassigned.</summary>
[Authorize(IdentityPermissions.OrganizationUnits.Delete)]
public sealed class DeleteModel(IOrganizationUnitAppService units, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    public OrganizationUnitDto Unit { get; private set; } = null!;

    /// <summary>Number of units below this one, which the delete removes too.</summary>
    public int DescendantCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Unit = await units.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        var all = await units.GetListAsync(cancellationToken);
        DescendantCount = all.Count(u => u.Code.StartsWith(Unit.Code + ".", StringComparison.Ordinal));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        OrganizationUnitDto unit;
        try
        {
            unit = await units.GetAsync(id, cancellationToken);
            await units.DeleteAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        TempData[StatusMessage.Key] = localizer["Unit {0} deleted.", unit.DisplayName].Value;
        return RedirectToPage("/Identity/OrganizationUnits/Index");
    }
}
