using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.TenantManagement;

/// <summary>
/// Where a tenant's data lives: the shared database or one of its own. The stored connection string is shown
/// masked and is never put back into the form. To change it, the host admin types a new one, tests it, and saves.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(AutoTracker.Permissions.TenantManagementPermissions.Tenants.ManageDatabase)]
public sealed class DatabaseModel(
    ITenantAppService tenants,
    ITenantDatabaseAppService databases,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateTenantDatabaseDto Input { get; set; } = new();

    public TenantDto Tenant { get; private set; } = null!;

    public TenantDatabaseDto Database { get; private set; } = null!;

    /// <summary>The message of a successful connection test, shown above the form.</summary>
    public string? TestMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new UpdateTenantDatabaseDto { ConcurrencyStamp = Database.ConcurrencyStamp };
        return Page();
    }

    /// <summary>Checks the typed connection string and connects with it; nothing is saved.</summary>
    public async Task<IActionResult> OnPostTestAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Input.ConnectionString))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ConnectionString)}", localizer["Enter the connection string to test."]);
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await databases.TestConnectionAsync(new TestTenantDatabaseDto { ConnectionString = Input.ConnectionString }, cancellationToken);
            TestMessage = localizer["The connection succeeded."];
        }
        catch (InputValidationException ex)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var saved = await databases.UpdateAsync(id, Input, cancellationToken);
            TempData[StatusMessage.Key] = saved.HasOwnDatabase
                ? localizer["Tenant {0} now uses its own database.", Tenant.Name].Value
                : localizer["Tenant {0} now uses the shared database.", Tenant.Name].Value;
            return RedirectToPage("/TenantManagement/Index", new { Search = Tenant.Name });
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.AddModelError(string.Empty, localizer["Someone else changed this tenant after you opened it. Check the current database below and save again."]);
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
            await LoadAsync(id, cancellationToken);
            Input.ConcurrencyStamp = Database.ConcurrencyStamp;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Tenant = await tenants.GetAsync(id, cancellationToken);
            Database = await databases.GetAsync(id, cancellationToken);
            return true;
        }
        catch (EntityNotFoundException)
        {
            return false;
        }
    }
}
