using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles;

/// <summary>Confirmation page for deleting a vehicle. Only the POST deletes.</summary>
[Authorize(AutoTrackerPermissions.Vehicles.Delete)]
public sealed class DeleteModel(
    IPermissionChecker permissions,
    IVehicleAppService vehicles,
    IMeterReadingAppService readings,
    IFuelEntryAppService fuelEntries,
    IServiceRecordAppService serviceRecords,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    public VehicleDto Vehicle { get; private set; } = null!;

    /// <summary>Number of meter readings, or null when the user may not see them.</summary>
    public int? MeterReadingCount { get; private set; }

    public int? FuelEntryCount { get; private set; }

    public int? ServiceRecordCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        // The database deletes these with the vehicle, so the page shows how many will go.
        if (await permissions.IsGrantedAsync(AutoTrackerPermissions.MeterReadings.Default, cancellationToken))
        {
            MeterReadingCount = (await readings.GetListAsync(id, cancellationToken)).Count;
        }

        if (await permissions.IsGrantedAsync(AutoTrackerPermissions.FuelEntries.Default, cancellationToken))
        {
            FuelEntryCount = (await fuelEntries.GetListAsync(id, cancellationToken)).Count;
        }

        if (await permissions.IsGrantedAsync(AutoTrackerPermissions.ServiceRecords.Default, cancellationToken))
        {
            ServiceRecordCount = (await serviceRecords.GetListAsync(id, cancellationToken)).Count;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(id, cancellationToken);
            await vehicles.DeleteAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        TempData[StatusMessage.Key] = localizer["Vehicle {0} deleted.", VehicleDisplay.Title(Vehicle)].Value;
        return RedirectToPage("/Vehicles/Index");
    }
}
