using AutoTracker.Authorization;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages;

/// <summary>The start page: the vehicle list, or tenant administration for host users, or a short note when the user may use neither.</summary>
public sealed class IndexModel(IPermissionChecker permissions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await permissions.IsGrantedAsync(AutoTrackerPermissions.Vehicles.Default, cancellationToken))
        {
            return RedirectToPage("/Vehicles/Index");
        }

        if (await permissions.IsGrantedAsync(TenantManagementPermissions.Tenants.Default, cancellationToken))
        {
            return RedirectToPage("/TenantManagement/Index");
        }

        return Page();
    }
}
