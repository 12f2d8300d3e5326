using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.MeterReadings;

public sealed class CreateModel(
    IVehicleAppService vehicles,
    IMeterReadingAppService readings,
    TimeProvider timeProvider,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public CreateMeterReadingDto Input { get; set; } = new();

    public VehicleDto Vehicle { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Input.Date = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            if (!ModelState.IsValid)
            {
                return Page();
            }

            await readings.CreateAsync(vehicleId, Input, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ex is InputValidationException or BusinessException)
        {
            ModelState.AddServiceErrors(ex, nameof(Input), Input.GetType());
            return Page();
        }

        TempData[StatusMessage.Key] = localizer["Meter reading added."].Value;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id = vehicleId }, fragment: "meter-readings");
    }
}
