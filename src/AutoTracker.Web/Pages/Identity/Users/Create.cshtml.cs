using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity.Users;

/// <summary>Form that creates a user, either with an initial password or with an invitation e-mail.</summary>
[Authorize(IdentityPermissions.Users.Create)]
public sealed class CreateModel(IIdentityUserAppService users, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public IdentityUserCreateDto Input { get; set; } = new();

    public IReadOnlyList<AssignableRoleDto> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Roles = await users.GetAssignableRolesAsync(cancellationToken);
        Input.RoleNames = Roles.Where(r => r.IsDefault).Select(r => r.Name).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Roles = await users.GetAssignableRolesAsync(cancellationToken);

        // The form lists every role, so no box checked means no role, not the default roles.
        Input.RoleNames ??= [];
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var created = await users.CreateAsync(Input, cancellationToken);
            TempData[StatusMessage.Key] = created.HasPassword
                ? localizer["User {0} created.", created.UserName].Value
                : localizer["User {0} created. An invitation to set a password was sent to {1}.", created.UserName, created.Email ?? string.Empty].Value;
            return RedirectToPage("/Identity/Users/Index", new { Filter = created.UserName });
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
    }
}
