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

/// <summary>Form that creates a role without permissions; the permission page grants them afterwards.</summary>
[Authorize(IdentityPermissions.Roles.Create)]
public sealed class CreateModel(IRoleAppService roles, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public CreateRoleDto Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var created = await roles.CreateAsync(Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Role {0} created. Grant it permissions next.", created.Name].Value;
            return RedirectToPage("/Identity/Roles/Index", new { Filter = created.Name });
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
    }
}
