using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.PermissionManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Identity;

/// <summary>
/// The permission page of one role or user: the tree of the current side, grouped, saved in one call of the
/// permission service. Subclasses find the provider from the id in the route.
/// </summary>
public abstract class PermissionPageModel(IPermissionAppService permissionService, IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    /// <summary>Names of the permissions the form offered, so that an unchecked box revokes and a missing one changes nothing.</summary>
    [BindProperty]
    public List<string> Shown { get; set; } = [];

    /// <summary>Names of the checked permissions.</summary>
    [BindProperty]
    public List<string> Granted { get; set; } = [];

    public GetPermissionListResultDto Tree { get; private set; } = new();

    /// <summary><see cref="PermissionProviderNames.Role"/> or <see cref="PermissionProviderNames.User"/>.</summary>
    public abstract string ProviderName { get; }

    /// <summary>The key the grants store: the role's name or the user's id.</summary>
    public string ProviderKey { get; private set; } = string.Empty;

    /// <summary>True when the grants cannot change, as for the built-in admin role.</summary>
    public bool IsReadOnly { get; protected set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await TryLoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await TryLoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var changes = PermissionTreeForm.BuildChanges(Tree, ProviderName, ProviderKey, Shown, Granted);
        try
        {
            await permissionService.UpdateAsync(ProviderName, ProviderKey, changes, cancellationToken);
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            // The field errors name positions in the change list, which the form does not show, so they go to the summary.
            foreach (var message in ex is InputValidationException invalid ? invalid.Errors.SelectMany(e => e.Value) : [ex.Message])
            {
                ModelState.AddModelError(string.Empty, message);
            }

            return Page();
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        TempData[StatusMessage.Key] = localizer["Permissions of {0} saved.", Tree.EntityDisplayName].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Loads the provider and its permission tree; returns false when the role or user is not in the tenant.</summary>
    private async Task<bool> TryLoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            ProviderKey = await FindProviderKeyAsync(id, cancellationToken);
            Tree = await permissionService.GetAsync(ProviderName, ProviderKey, cancellationToken);
            return true;
        }
        catch (EntityNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Returns the provider key of the role or user with this id, or throws <see cref="EntityNotFoundException"/>.</summary>
    protected abstract Task<string> FindProviderKeyAsync(Guid id, CancellationToken cancellationToken);
}
