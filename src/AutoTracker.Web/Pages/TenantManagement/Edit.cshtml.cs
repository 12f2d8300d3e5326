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
/// Form that renames a tenant and changes its limits, and the list of the tenant's former names with a button that
/// releases each. After a rename, its users sign in with the new name.
/// </summary>
[Authorize(TenantManagementPermissions.Tenants.Edit)]
public sealed class EditModel(
    ITenantAppService tenants,
    IServiceScopeFactory scopes,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateTenantDto Input { get; set; } = new();

    /// <summary>The stored tenant: as loaded before the save, or as re-read after a conflict.</summary>
    public TenantDto Tenant { get; private set; } = null!;

    /// <summary>Former names of the tenant, newest first, which no other tenant can take until they are released.</summary>
    public IReadOnlyList<FormerTenantNameDto> FormerNames { get; private set; } = [];

    /// <summary>Set when the save failed because someone else changed the tenant since the form was opened.</summary>
    public bool HasConflict { get; private set; }

    /// <summary>Set when the tenant was deleted by someone else while the form was open.</summary>
    public bool WasDeleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Tenant = await tenants.GetAsync(id, cancellationToken);
            FormerNames = await tenants.GetFormerNamesAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Input = new UpdateTenantDto
        {
            Name = Tenant.Name,
            MaxVehicles = Tenant.MaxVehicles,
            MaxUsers = Tenant.MaxUsers,
            ConcurrencyStamp = Tenant.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Tenant = await tenants.GetAsync(id, cancellationToken);
            FormerNames = await tenants.GetFormerNamesAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var saved = await tenants.UpdateAsync(id, Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Tenant {0} saved.", saved.Name].Value;
            return RedirectToPage("/TenantManagement/Index", new { Search = saved.Name });
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
        catch (ConcurrencyConflictException)
        {
            await ShowCurrentValuesAsync(id, cancellationToken);
            return Page();
        }
    }

    /// <summary>Releases one former name of the tenant, so that any tenant can take it, then shows the form again.</summary>
    public async Task<IActionResult> OnPostReleaseFormerNameAsync(Guid id, string? formerName, CancellationToken cancellationToken)
    {
        var name = formerName?.Trim() ?? string.Empty;
        try
        {
            await tenants.ReleaseFormerNameAsync(id, name, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        TempData[StatusMessage.Key] = localizer["The former name {0} was released. Any tenant can take it now.", name].Value;
        return RedirectToPage("/TenantManagement/Edit", pageHandler: null, new { id }, fragment: "former-names");
    }

    private async Task ShowCurrentValuesAsync(Guid id, CancellationToken cancellationToken)
    {
        TenantDto current;
        try
        {
            current = await scopes.ReadFreshAsync<ITenantAppService, TenantDto>(s => s.GetAsync(id, cancellationToken));
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return;
        }

        HasConflict = true;
        Tenant = current;
        var display = new ConcurrencyConflictDisplay(ModelState, localizer, nameof(Input));
        display.Compare(nameof(Input.Name), Input.Name, current.Name);
        display.Compare(nameof(Input.MaxVehicles), Input.MaxVehicles, current.MaxVehicles);
        display.Compare(nameof(Input.MaxUsers), Input.MaxUsers, current.MaxUsers);

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
