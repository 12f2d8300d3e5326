using System.Globalization;
using AutoTracker.Application;
using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.TenantManagement;

/// <summary>
/// Tenant list with name search, paging and, on request, the deleted tenants (read-only), and the buttons that
/// activate or deactivate a tenant.
/// </summary>
public sealed class IndexModel(ITenantAppService tenants, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    public static readonly int[] PageSizes = [25, 50, 100, PagedRequest.MaxPageSize];

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>Lists deleted tenants too, with their deletion time and without actions.</summary>
    [BindProperty(SupportsGet = true)]
    public bool IncludeDeleted { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Take { get; set; } = 50;

    /// <summary>The page of tenants, or null when the query was invalid and nothing was loaded.</summary>
    public PagedResult<TenantDto>? Result { get; private set; }

    public bool HasFilter => !string.IsNullOrWhiteSpace(Search);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Result = await tenants.GetListAsync(new GetTenantListInput { Search = Search, IncludeDeleted = IncludeDeleted, Skip = Skip, Take = Take }, cancellationToken);
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(IndexModel));
        }

        return Page();
    }

    /// <summary>Activates or deactivates a tenant, then shows the same list page again.</summary>
    public async Task<IActionResult> OnPostSetActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        TenantDto tenant;
        try
        {
            tenant = await tenants.SetActiveAsync(id, active, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        TempData[StatusMessage.Key] = active
            ? localizer["Tenant {0} activated.", tenant.Name].Value
            : localizer["Tenant {0} deactivated. Its users are signed out on their next request.", tenant.Name].Value;
        return RedirectToPage("/TenantManagement/Index", QueryWith());
    }

    /// <summary>Returns the query of the current list, with another offset when <paramref name="skip"/> is given.</summary>
    public Dictionary<string, string> QueryWith(int? skip = null)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            query[nameof(Search)] = Search.Trim();
        }

        if (IncludeDeleted)
        {
            query[nameof(IncludeDeleted)] = "true";
        }

        query[nameof(Take)] = Take.ToString(CultureInfo.InvariantCulture);
        var newSkip = skip ?? Skip;
        if (newSkip > 0)
        {
            query[nameof(Skip)] = newSkip.ToString(CultureInfo.InvariantCulture);
        }

        return query;
    }
}
