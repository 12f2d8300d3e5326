using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles;

/// <summary>
/// Edit page of one record of a vehicle, such as a fuel entry, service record or meter reading. It loads the
/// record into the form, saves it and maps service errors to the fields. After a concurrency conflict it shows
/// the stored values beside the user's input. Subclasses say how to read, copy, save and compare their record.
/// </summary>
public abstract class VehicleRecordEditModel<TRecord, TInput>(
    IVehicleAppService vehicles,
    IServiceScopeFactory scopes,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
    where TRecord : class
    where TInput : class, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public VehicleDto Vehicle { get; private set; } = null!;

    /// <summary>The stored record: as loaded before the save, or as re-read after a conflict.</summary>
    public TRecord Record { get; private set; } = null!;

    public bool HasConflict { get; private set; }

    public bool WasDeleted { get; private set; }

    protected IStringLocalizer<AutoTrackerResource> Localizer => localizer;

    /// <summary>Message shown on the details page after a successful save.</summary>
    protected abstract string SavedMessage { get; }

    /// <summary>Tab of the details page the user returns to.</summary>
    protected abstract string DetailsFragment { get; }

    public async Task<IActionResult> OnGetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(vehicleId, id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Input = ToInput(Record);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(vehicleId, id, cancellationToken);
            if (!ModelState.IsValid)
            {
                return Page();
            }

            await SaveAsync(HttpContext.RequestServices, vehicleId, id, cancellationToken);
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

        TempData[StatusMessage.Key] = SavedMessage;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id = vehicleId }, fragment: DetailsFragment);
    }

    /// <summary>Reads the record through the application service found in <paramref name="services"/>.</summary>
    protected abstract Task<TRecord> ReadAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken);

    protected abstract TInput ToInput(TRecord record);

    protected abstract Task SaveAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken);

    /// <summary>Marks each field whose stored value differs from the input, and takes over the stored concurrency stamp.</summary>
    protected abstract void ShowDifferences(ConcurrencyConflictDisplay display, TRecord current);

    private async Task LoadAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        Record = await ReadAsync(HttpContext.RequestServices, vehicleId, id, cancellationToken);
    }

    private async Task ShowCurrentValuesAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        // A new scope, because this request's DbContext still contains the rejected changes.
        TRecord current;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            current = await ReadAsync(scope.ServiceProvider, vehicleId, id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return;
        }

        HasConflict = true;
        Record = current;
        ShowDifferences(new ConcurrencyConflictDisplay(ModelState, localizer, nameof(Input)), current);

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove($"{nameof(Input)}.ConcurrencyStamp");
    }
}
