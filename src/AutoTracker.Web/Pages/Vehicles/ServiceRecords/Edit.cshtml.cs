using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.ServiceRecords;

public sealed class EditModel(
    IVehicleAppService vehicles,
    IServiceRecordAppService serviceRecords,
    IServiceScopeFactory scopes,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    [BindProperty]
    public UpdateServiceRecordDto Input { get; set; } = new();

    public VehicleDto Vehicle { get; private set; } = null!;

    public bool HasConflict { get; private set; }

    public bool WasDeleted { get; private set; }

    /// <summary>After a conflict: the stored lines, shown beside the form because lines have no one-to-one field to compare.</summary>
    public IReadOnlyList<ServiceLineDto>? CurrentLines { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        ServiceRecordDto record;
        try
        {
            Vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
            record = await serviceRecords.GetAsync(vehicleId, id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Input = new UpdateServiceRecordDto
        {
            Date = record.Date,
            MeterValue = record.MeterValue,
            Vendor = record.Vendor,
            Description = record.Description,
            Status = record.Status,
            Notes = record.Notes,
            Lines = record.Lines.Select(l => new ServiceLineDto { Kind = l.Kind, Description = l.Description, Quantity = l.Quantity, UnitCost = l.UnitCost }).ToList(),
            ConcurrencyStamp = record.ConcurrencyStamp,
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

            await serviceRecords.UpdateAsync(vehicleId, id, Input, cancellationToken);
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

        TempData[StatusMessage.Key] = localizer["Service record saved."].Value;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id = vehicleId }, fragment: "service-records");
    }

    private async Task ShowCurrentValuesAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        ServiceRecordDto current;
        try
        {
            current = await scopes.ReadFreshAsync<IServiceRecordAppService, ServiceRecordDto>(s => s.GetAsync(vehicleId, id, cancellationToken));
        }
        catch (EntityNotFoundException)
        {
            WasDeleted = true;
            return;
        }

        HasConflict = true;
        CurrentLines = current.Lines;
        var display = new ConcurrencyConflictDisplay(ModelState, localizer, nameof(Input));
        display.Compare(nameof(Input.Date), Input.Date, current.Date);
        display.Compare(nameof(Input.MeterValue), Input.MeterValue, current.MeterValue);
        display.Compare(nameof(Input.Vendor), Input.Vendor, current.Vendor);
        display.Compare(nameof(Input.Description), Input.Description, current.Description);
        display.Compare(nameof(Input.Status), Input.Status, current.Status);
        display.Compare(nameof(Input.Notes), Input.Notes, current.Notes);

        // The next save carries the current stamp, so it overwrites the other change on purpose.
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.ConcurrencyStamp)}");
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
