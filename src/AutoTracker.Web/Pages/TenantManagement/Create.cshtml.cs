using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Permissions;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.TenantManagement;

/// <summary>Form that creates a tenant with its first admin, who signs in with the user name admin or the given e-mail address.</summary>
[Authorize(TenantManagementPermissions.Tenants.Create)]
public sealed class CreateModel(ITenantAppService tenants, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public CreateTenantDto Input { get; set; } = new();

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
            var created = await tenants.CreateAsync(Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Tenant {0} added. Its admin signs in with the user name admin.", created.Name].Value;
            return RedirectToPage("/TenantManagement/Index", new { Search = created.Name });
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
    }
}
