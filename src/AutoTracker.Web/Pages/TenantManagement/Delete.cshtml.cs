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

/// <summary>
/// Confirmation page for deleting a tenant. Only the POST deletes, and only when <see cref="ConfirmName"/>
/// repeats the tenant's name, which the service checks.
/// </summary>
[Authorize(TenantManagementPermissions.Tenants.Delete)]
public sealed class DeleteModel(ITenantAppService tenants, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    public TenantDto Tenant { get; private set; } = null!;

    [BindProperty]
    public string? ConfirmName { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Tenant = await tenants.GetAsync(id, cancellationToken);
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
            Tenant = await tenants.GetAsync(id, cancellationToken);
            await tenants.DeleteAsync(id, ConfirmName, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex.Code == ErrorCodes.TenantNameMismatch)
        {
            // The service's message names the API parameter confirmName, which the form does not show.
            ModelState.AddModelError(nameof(ConfirmName), localizer["The name does not match. Type the tenant name {0} to delete the tenant.", Tenant.Name]);
            return Page();
        }
        catch (BusinessException ex)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(DeleteModel));
            return Page();
        }

        TempData[StatusMessage.Key] = localizer["Tenant {0} deleted.", Tenant.Name].Value;
        return RedirectToPage("/TenantManagement/Index");
    }
}
