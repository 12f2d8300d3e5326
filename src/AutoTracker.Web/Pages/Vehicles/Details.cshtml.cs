using System.Text.Json;
using AutoTracker.Domain;
using AutoTracker.Localization;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles;

/// <summary>One vehicle with its meter readings, fuel entries, service records and fuel economy.</summary>
public sealed class DetailsModel(
    IVehicleAppService vehicles,
    IMeterReadingAppService readings,
    IFuelEntryAppService fuelEntries,
    IServiceRecordAppService serviceRecords,
    IStringLocalizer<AutoTrackerResource> localizer) : PageModel
{
    /// <summary>Unit to show the economy in, or null for the tenant's preferred unit.</summary>
    [BindProperty(SupportsGet = true)]
    public EconomyUnit? EconomyUnit { get; set; }

    public VehicleDto Vehicle { get; private set; } = null!;

    public IReadOnlyList<MeterReadingDto> MeterReadings { get; private set; } = [];

    public IReadOnlyList<FuelEntryDto> FuelEntries { get; private set; } = [];

    public IReadOnlyList<ServiceRecordDto> ServiceRecords { get; private set; } = [];

    public FuelEconomySummaryDto Economy { get; private set; } = null!;

    /// <summary>Economy chart data as JSON for the canvas's data-chart attribute, which Razor HTML-encodes.</summary>
    public string EconomyChartJson { get; private set; } = "{}";

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

        // An unknown unit in the query string gets a field message, and the economy is then shown in the preferred unit.
        var unit = ModelState.IsValid ? EconomyUnit : null;
        MeterReadings = await readings.GetListAsync(id, cancellationToken);
        FuelEntries = await fuelEntries.GetListAsync(id, cancellationToken);
        ServiceRecords = await serviceRecords.GetListAsync(id, cancellationToken);
        Economy = await fuelEntries.GetEconomyAsync(id, unit, cancellationToken);
        EconomyChartJson = BuildChartJson(Economy);
        return Page();
    }

    public Task<IActionResult> OnPostDeleteMeterReadingAsync(Guid id, Guid recordId, CancellationToken cancellationToken) =>
        DeleteAsync(id, "meter-readings", localizer["Meter reading deleted."], () => readings.DeleteAsync(id, recordId, cancellationToken));

    public Task<IActionResult> OnPostDeleteFuelEntryAsync(Guid id, Guid recordId, CancellationToken cancellationToken) =>
        DeleteAsync(id, "fuel-entries", localizer["Fuel entry deleted."], () => fuelEntries.DeleteAsync(id, recordId, cancellationToken));

    public Task<IActionResult> OnPostDeleteServiceRecordAsync(Guid id, Guid recordId, CancellationToken cancellationToken) =>
        DeleteAsync(id, "service-records", localizer["Service record deleted."], () => serviceRecords.DeleteAsync(id, recordId, cancellationToken));

    private async Task<IActionResult> DeleteAsync(Guid id, string section, string message, Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException refused)
        {
            TempData[StatusMessage.ErrorKey] = refused.Message;
            return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id }, fragment: section);
        }

        TempData[StatusMessage.Key] = message;
        return RedirectToPage("/Vehicles/Details", pageHandler: null, new { id }, fragment: section);
    }

    private string BuildChartJson(FuelEconomySummaryDto economy)
    {
        // Electric and liquid-fuel intervals use different units, so the chart plots only those in the summary's unit.
        var points = economy.Intervals.Where(i => i.Unit == economy.Unit).ToList();
        var chart = new
        {
            unit = localizer.Display(economy.Unit),
            label = localizer["Fuel economy ({0})", localizer.Display(economy.Unit)].Value,
            averageLabel = localizer["Average"].Value,
            labels = points.Select(p => VehicleDisplay.Date(p.EndDate)).ToArray(),
            values = points.Select(p => Math.Round(p.Value, 2)).ToArray(),
            average = economy.Average is double average ? Math.Round(average, 2) : (double?)null,
        };
        return JsonSerializer.Serialize(chart);
    }
}
