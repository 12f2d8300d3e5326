using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.MeterReadings;

public sealed class EditModel(
    IVehicleAppService vehicles,
    IMeterReadingAppService readings,
    IServiceScopeFactory scopes,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateMeterReadingDto Input { get; set; } = new();

    public VehicleDto Vehicle { get; private set; } = null!;

    /// <summary>The stored reading: as loaded before the save, or as re-read after a conflict.</summary>
    public MeterReadingDto Reading { get; private set; } = null!;

    /// <summary>True for a reading that a fuel entry or service record keeps, which is changed on that record and not here.</summary>
    public bool IsOwnedByRecord => Reading.Source is MeterReadingSource.FuelEntry or MeterReadingSource.ServiceRecord;

    public bool HasConflict { get; private set; }

    public bool WasDeleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            Reading = await readings.GetAsync(vehicleId, id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Input = new UpdateMeterReadingDto
        {
            Date = Reading.Date,
            Value = Reading.Value,
            IsReset = Reading.IsReset,
            ConcurrencyStamp = Reading.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            Reading = await readings.GetAsync(vehicleId, id, cancellationToken);
            if (!ModelState.IsValid)
            {
                return Page();
            }

            await readings.UpdateAsync(vehicleId, id, Input, cancellationToken);
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

        TempData[StatusMessage.Key] = localizer["Meter reading saved."].Value;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id = vehicleId }, fragment: "meter-readings");
    }

    private async Task ShowCurrentValuesAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        MeterReadingDto current;
        try
        {
            current = await scopes.ReadFreshAsync<IMeterReadingAppService, MeterReadingDto>(s => s.GetAsync(vehicleId, id, cancellationToken));
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return;
        }

        HasConflict = true;
        Reading = current;
        var display = new ConcurrencyConflictDisplay(ModelState, localizer, nameof(Input));
        display.Compare(nameof(Input.Date), Input.Date, current.Date);
        display.Compare(nameof(Input.Value), Input.Value, current.Value);
        display.Compare(nameof(Input.IsReset), Input.IsReset, current.IsReset);

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
