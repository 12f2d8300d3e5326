using AutoTracker.Identity;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutoTracker.Pages.Identity.OrganizationUnits;

/// <summary>The tenant's organization unit tree, with links to change each unit.</summary>
[Authorize(IdentityPermissions.OrganizationUnits.Default)]
public sealed class IndexModel(IOrganizationUnitAppService units) : PageModel
{
    /// <summary>Every unit sorted by code, so each parent comes right before its subtree.</summary>
    public IReadOnlyList<OrganizationUnitDto> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Units = await units.GetListAsync(cancellationToken);
}
