using System.Text.Json;
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

/// <summary>One vehicle with its meter readings, fuel entries, service records and fuel economy.</summary>
[Authorize(AutoTrackerPermissions.Vehicles.Default)]
public sealed class DetailsModel(
    IPermissionChecker permissions,
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

    /// <summary>The economy, or null when the user may not see fuel entries.</summary>
    public FuelEconomySummaryDto? Economy { get; private set; }

    public RecordAccess MeterReadingAccess { get; private set; } = RecordAccess.None;

    public RecordAccess FuelEntryAccess { get; private set; } = RecordAccess.None;

    public RecordAccess ServiceRecordAccess { get; private set; } = RecordAccess.None;

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

        // Each section is loaded only when the user may see it, because its service would reject the call.
        MeterReadingAccess = await RecordAccess.ReadAsync(permissions, AutoTrackerPermissions.MeterReadings.Default, importKind: null, cancellationToken);
        FuelEntryAccess = await RecordAccess.ReadAsync(permissions, AutoTrackerPermissions.FuelEntries.Default, ImportRecordKind.FuelEntries, cancellationToken);
        ServiceRecordAccess = await RecordAccess.ReadAsync(permissions, AutoTrackerPermissions.ServiceRecords.Default, ImportRecordKind.ServiceRecords, cancellationToken);
        if (MeterReadingAccess.View)
        {
            MeterReadings = await readings.GetListAsync(id, cancellationToken);
        }

        if (ServiceRecordAccess.View)
        {
            ServiceRecords = await serviceRecords.GetListAsync(id, cancellationToken);
        }

        if (FuelEntryAccess.View)
        {
            // An unknown unit in the query string gets a field message, and the economy is then shown in the preferred unit.
            var unit = ModelState.IsValid ? EconomyUnit : null;
            FuelEntries = await fuelEntries.GetListAsync(id, cancellationToken);
            Economy = await fuelEntries.GetEconomyAsync(id, unit, cancellationToken);
            EconomyChartJson = BuildChartJson(Economy);
        }

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
