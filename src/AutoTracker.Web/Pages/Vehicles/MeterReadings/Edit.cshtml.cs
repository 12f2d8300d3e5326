using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.MeterReadings;

[Authorize(AutoTrackerPermissions.MeterReadings.Edit)]
public sealed class EditModel(IVehicleAppService vehicles, IServiceScopeFactory scopes, IStringLocalizer<AutoTrackerResource> localizer)
    : VehicleRecordEditModel<MeterReadingDto, UpdateMeterReadingDto>(vehicles, scopes, localizer)
{
    public MeterReadingDto Reading => Record;

    /// <summary>True for a reading that a fuel entry or service record keeps, which is changed on that record and not here.</summary>
    public bool IsOwnedByRecord => Reading.Source is MeterReadingSource.FuelEntry or MeterReadingSource.ServiceRecord;

    protected override string SavedMessage => Localizer["Meter reading saved."].Value;

    protected override string DetailsFragment => "meter-readings";

    protected override Task<MeterReadingDto> ReadAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<IMeterReadingAppService>().GetAsync(vehicleId, id, cancellationToken);

    protected override UpdateMeterReadingDto ToInput(MeterReadingDto reading) => new()
    {
        Date = reading.Date,
        Value = reading.Value,
        IsReset = reading.IsReset,
        ConcurrencyStamp = reading.ConcurrencyStamp,
    };

    protected override Task SaveAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<IMeterReadingAppService>().UpdateAsync(vehicleId, id, Input, cancellationToken);

    protected override void ShowDifferences(ConcurrencyConflictDisplay display, MeterReadingDto current)
    {
        display.Compare(nameof(Input.Date), Input.Date, current.Date);
        display.Compare(nameof(Input.Value), Input.Value, current.Value);
        display.Compare(nameof(Input.IsReset), Input.IsReset, current.IsReset);
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
