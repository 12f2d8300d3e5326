using AutoTracker.Domain;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages.TenantManagement;

/// <summary>A tenant's vehicle and user counts against its limits. Opening the page reads inside the tenant and is recorded.</summary>
public sealed class UsageModel(ITenantAppService tenants) : PageModel
{
    public TenantDto Tenant { get; private set; } = null!;

    public TenantUsageDto Usage { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Tenant = await tenants.GetAsync(id, cancellationToken);
            Usage = await tenants.GetUsageAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }
}
