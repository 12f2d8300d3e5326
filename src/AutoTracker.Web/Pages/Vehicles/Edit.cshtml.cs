using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles;

[Authorize(AutoTrackerPermissions.Vehicles.Edit)]
public sealed class EditModel(
    IVehicleAppService vehicles,
    IServiceScopeFactory scopes,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateVehicleDto Input { get; set; } = new();

    /// <summary>Loads the units the form offers before every handler, so a form shown again with errors offers them too.</summary>
    public override async Task OnPageHandlerExecutionAsync(
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ViewData[VehicleFormOptions.OrganizationUnitsKey] = await vehicles.GetAssignableUnitsAsync(HttpContext.RequestAborted);
        await next();
    }

    /// <summary>The stored vehicle: as loaded before the save, or as re-read after a conflict.</summary>
    public VehicleDto Vehicle { get; private set; } = null!;

    /// <summary>Set when the save failed because someone else changed the vehicle since the form was opened.</summary>
    public bool HasConflict { get; private set; }

    /// <summary>Set when the vehicle was deleted by someone else while the form was open.</summary>
    public bool WasDeleted { get; private set; }

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

        Input = ToInput(Vehicle);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(id, cancellationToken);
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
            await vehicles.UpdateAsync(id, Input, cancellationToken);
            TempData[StatusMessage.Key] = localizer["Vehicle saved."].Value;
            return RedirectToPage("/Vehicles/Details", new { id });
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

    private async Task ShowCurrentValuesAsync(Guid id, CancellationToken cancellationToken)
    {
        VehicleDto current;
        try
        {
            current = await scopes.ReadFreshAsync<IVehicleAppService, VehicleDto>(s => s.GetAsync(id, cancellationToken));
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return;
        }

        HasConflict = true;
        Vehicle = current;
        var display = new ConcurrencyConflictDisplay(ModelState, localizer, nameof(Input));
        display.Compare(nameof(Input.Vin), Input.Vin, current.Vin);
        display.Compare(nameof(Input.Make), Input.Make, current.Make);
        display.Compare(nameof(Input.Model), Input.Model, current.Model);
        display.Compare(nameof(Input.ModelYear), Input.ModelYear, current.ModelYear);
        display.Compare(nameof(Input.Trim), Input.Trim, current.Trim);
        display.Compare(nameof(Input.Color), Input.Color, current.Color);
        display.Compare(nameof(Input.Plate), Input.Plate, current.Plate);
        display.Compare(nameof(Input.UnitNumber), Input.UnitNumber, current.UnitNumber);
        display.Compare(nameof(Input.Kind), Input.Kind, current.Kind);
        display.Compare(nameof(Input.Status), Input.Status, current.Status);
        display.Compare(nameof(Input.MeterUnit), Input.MeterUnit, current.MeterUnit);
        display.Compare(nameof(Input.Notes), Input.Notes, current.Notes);

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }

    private static UpdateVehicleDto ToInput(VehicleDto vehicle) => new()
    {
        Vin = vehicle.Vin,
        Make = vehicle.Make,
        Model = vehicle.Model,
        ModelYear = vehicle.ModelYear,
        Trim = vehicle.Trim,
        Color = vehicle.Color,
        Plate = vehicle.Plate,
        UnitNumber = vehicle.UnitNumber,
        Kind = vehicle.Kind,
        Status = vehicle.Status,
        MeterUnit = vehicle.MeterUnit,
        Notes = vehicle.Notes,
        OrganizationUnitId = vehicle.OrganizationUnitId,
        ConcurrencyStamp = vehicle.ConcurrencyStamp,
    };
}
