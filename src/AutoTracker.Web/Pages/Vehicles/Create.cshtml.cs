using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles;

[Authorize(AutoTrackerPermissions.Vehicles.Create)]
public sealed class CreateModel(
    IVehicleAppService vehicles,
    AutoTracker.Settings.ISettingProvider settings,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public CreateUpdateVehicleDto Input { get; set; } = new();

    /// <summary>Loads the units the form offers before every handler, so a form shown again with errors offers them too.</summary>
    public override async Task OnPageHandlerExecutionAsync(
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ViewData[VehicleFormOptions.OrganizationUnitsKey] = await vehicles.GetAssignableUnitsAsync(HttpContext.RequestAborted);
        await next();
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var effective = await settings.GetEffectiveAsync(cancellationToken);
        Input.MeterUnit = effective.DistanceUnit;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var created = await vehicles.CreateAsync(Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Vehicle added."].Value;
            return RedirectToPage("/Vehicles/Details", new { id = created.Id });
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }
        catch (ConcurrencyConflictException conflict)
        {
            // The tenant's vehicle lock stayed busy past its timeout. The message tells the user to try again.
            ModelState.AddModelError(string.Empty, conflict.Message);
            return Page();
        }
    }
}
