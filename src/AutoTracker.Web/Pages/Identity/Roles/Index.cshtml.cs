using System.Globalization;
using AutoTracker.Application;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages.Identity.Roles;

/// <summary>Role list with name search and paging, and the links to the role forms that the user's permissions allow.</summary>
[Authorize(IdentityPermissions.Roles.Default)]
public sealed class IndexModel(IRoleAppService roles) : PageModel
{
    public static readonly int[] PageSizes = [25, 50, 100, PagedRequest.MaxPageSize];

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Take { get; set; } = 50;

    /// <summary>The page of roles, or null when the query was invalid and nothing was loaded.</summary>
    public PagedResult<IdentityRoleDto>? Result { get; private set; }

    public bool HasFilter => !string.IsNullOrWhiteSpace(Filter);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Result = await roles.GetListAsync(new GetRoleListInput { Filter = Filter, Skip = Skip, Take = Take }, cancellationToken);
        }
        catch (InputValidationException ex)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(IndexModel));
        }

        return Page();
    }

    /// <summary>Returns the query of the current list, with another offset when <paramref name="skip"/> is given.</summary>
    public Dictionary<string, string> QueryWith(int? skip = null)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(Filter))
        {
            query[nameof(Filter)] = Filter.Trim();
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
