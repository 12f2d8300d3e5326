using AutoTracker.Application;
using AutoTracker.Domain;
using AutoTracker.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages.Identity.Users;

/// <summary>User list with a search on the start of the user name or e-mail address, and paging.</summary>
public sealed class IndexModel(IIdentityUserAppService users) : PageModel
{
    public static readonly int[] PageSizes = [25, 50, 100, PagedRequest.MaxPageSize];

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Take { get; set; } = 50;

    /// <summary>The page of users, or null when the query was invalid and nothing was loaded.</summary>
    public PagedResult<IdentityUserDto>? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Result = await users.GetListAsync(new GetIdentityUsersInput { Filter = Filter, Skip = Skip, Take = Take }, cancellationToken);
        }
        catch (InputValidationException ex)
        {
            ModelState.AddServiceErrors(ex, prefix: string.Empty, typeof(IndexModel));
        }

        return Page();
    }
}
