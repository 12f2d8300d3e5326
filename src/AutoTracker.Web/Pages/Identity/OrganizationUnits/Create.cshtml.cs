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

/// <summary>Form that adds a unit, at the root or under the unit named by the query parameter parentId.</summary>
[Authorize(IdentityPermissions.OrganizationUnits.Create)]
public sealed class CreateModel(IOrganizationUnitAppService units, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public CreateOrganizationUnitDto Input { get; set; } = new();

    /// <summary>The parent's name, or null for a root unit or a parent that was not found.</summary>
    public string? ParentName { get; private set; }

    public async Task OnGetAsync(Guid? parentId, CancellationToken cancellationToken)
    {
        Input.ParentId = parentId;
        await LoadParentNameAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadParentNameAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var created = await units.CreateAsync(Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Unit {0} added.", created.DisplayName].Value;
            return RedirectToPage("/Identity/OrganizationUnits/Index");
        }
        catch (InputValidationException ex)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
    }

    private async Task LoadParentNameAsync(CancellationToken cancellationToken)
    {
        if (Input.ParentId is not { } parentId)
        {
            return;
        }

        try
        {
            ParentName = (await units.GetAsync(parentId, cancellationToken)).DisplayName;
        }
        catch (EntityNotFoundException)
        {
            // The save reports the missing parent next to the field.
            ParentName = null;
        }
    }
}
