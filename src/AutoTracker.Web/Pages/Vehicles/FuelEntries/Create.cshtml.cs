using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.FuelEntries;

public sealed class CreateModel(
    IVehicleAppService vehicles,
    IFuelEntryAppService fuelEntries,
    TimeProvider timeProvider,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public CreateFuelEntryDto Input { get; set; } = new();

    public VehicleDto Vehicle { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        IReadOnlyList<FuelEntryDto> previous;
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            previous = await fuelEntries.GetListAsync(vehicleId, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        // Start from the latest entry's fuel, unit and vendor: most vehicles fill up the same way every time.
        var latest = previous.Count > 0 ? previous[0] : null;
        Input.Date = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        Input.FuelType = latest?.FuelType ?? FuelType.Petrol;
        Input.Unit = latest?.Unit ?? (Vehicle.MeterUnit == MeterUnit.Miles ? FuelUnit.UsGallons : FuelUnit.Liters);
        Input.Vendor = latest?.Vendor;
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

            await fuelEntries.CreateAsync(vehicleId, Input, cancellationToken);
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

        TempData[StatusMessage.Key] = localizer["Fuel entry added."].Value;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id = vehicleId }, fragment: "fuel-entries");
    }
}
