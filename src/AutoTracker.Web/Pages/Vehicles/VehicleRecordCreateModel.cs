using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles;

/// <summary>
/// Create page of one record of a vehicle: fills the form with sensible defaults, saves it, and maps service
/// errors to the fields. Subclasses say how to prefill and create their record.
/// </summary>
public abstract class VehicleRecordCreateModel<TInput>(
    IVehicleAppService vehicles,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
    where TInput : class, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public VehicleDto Vehicle { get; private set; } = null!;

    protected IStringLocalizer<AutoTrackerResource> Localizer => localizer;

    protected abstract string SavedMessage { get; }

    protected abstract string DetailsFragment { get; }

    public async Task<IActionResult> OnGetAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            await PrefillAsync(vehicleId, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

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

            await CreateAsync(vehicleId, cancellationToken);
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

        TempData[StatusMessage.Key] = SavedMessage;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id = vehicleId }, fragment: DetailsFragment);
    }

    /// <summary>Sets the form's starting values; <see cref="Vehicle"/> is loaded.</summary>
    protected abstract Task PrefillAsync(Guid vehicleId, CancellationToken cancellationToken);

    protected abstract Task CreateAsync(Guid vehicleId, CancellationToken cancellationToken);
}
