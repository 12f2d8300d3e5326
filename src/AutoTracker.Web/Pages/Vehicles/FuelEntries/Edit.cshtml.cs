using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.FuelEntries;

public sealed class EditModel(
    IVehicleAppService vehicles,
    IFuelEntryAppService fuelEntries,
    IServiceScopeFactory scopes,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateFuelEntryDto Input { get; set; } = new();

    public VehicleDto Vehicle { get; private set; } = null!;

    public bool HasConflict { get; private set; }

    public bool WasDeleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        FuelEntryDto entry;
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            entry = await fuelEntries.GetAsync(vehicleId, id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Input = new UpdateFuelEntryDto
        {
            Date = entry.Date,
            MeterValue = entry.MeterValue,
            Quantity = entry.Quantity,
            Unit = entry.Unit,
            PricePerUnit = entry.PricePerUnit,
            TotalCost = entry.TotalCost,
            FuelType = entry.FuelType,
            IsFullTank = entry.IsFullTank,
            IsMissedFillUp = entry.IsMissedFillUp,
            Vendor = entry.Vendor,
            Notes = entry.Notes,
            ConcurrencyStamp = entry.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            if (!ModelState.IsValid)
            {
                return Page();
            }

            await fuelEntries.UpdateAsync(vehicleId, id, Input, cancellationToken);
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
        catch (ConcurrencyConflictException)
        {
            await ShowCurrentValuesAsync(vehicleId, id, cancellationToken);
            return Page();
        }

        TempData[StatusMessage.Key] = localizer["Fuel entry saved."].Value;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id = vehicleId }, fragment: "fuel-entries");
    }

    private async Task ShowCurrentValuesAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        FuelEntryDto current;
        try
        {
            current = await scopes.ReadFreshAsync<IFuelEntryAppService, FuelEntryDto>(s => s.GetAsync(vehicleId, id, cancellationToken));
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return;
        }

        HasConflict = true;
        var display = new ConcurrencyConflictDisplay(ModelState, localizer, nameof(Input));
        display.Compare(nameof(Input.Date), Input.Date, current.Date);
        display.Compare(nameof(Input.MeterValue), Input.MeterValue, current.MeterValue);
        display.Compare(nameof(Input.Quantity), Input.Quantity, current.Quantity);
        display.Compare(nameof(Input.Unit), Input.Unit, current.Unit);
        display.Compare(nameof(Input.PricePerUnit), Input.PricePerUnit, current.PricePerUnit);
        display.Compare(nameof(Input.TotalCost), Input.TotalCost, current.TotalCost);
        display.Compare(nameof(Input.FuelType), Input.FuelType, current.FuelType);
        display.Compare(nameof(Input.IsFullTank), Input.IsFullTank, current.IsFullTank);
        display.Compare(nameof(Input.IsMissedFillUp), Input.IsMissedFillUp, current.IsMissedFillUp);
        display.Compare(nameof(Input.Vendor), Input.Vendor, current.Vendor);
        display.Compare(nameof(Input.Notes), Input.Notes, current.Notes);

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
