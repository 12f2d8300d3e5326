using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.MeterReadings;

[Authorize(AutoTrackerPermissions.MeterReadings.Create)]
public sealed class CreateModel(
    IVehicleAppService vehicles,
    IMeterReadingAppService readings,
    TimeProvider timeProvider,
    IStringLocalizer<AutoTrackerResource> localizer) : VehicleRecordCreateModel<CreateMeterReadingDto>(vehicles, localizer)
{
    protected override string SavedMessage => Localizer["Meter reading added."].Value;

    protected override string DetailsFragment => "meter-readings";

    protected override Task PrefillAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        Input.Date = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        return Task.CompletedTask;
    }

    protected override Task CreateAsync(Guid vehicleId, CancellationToken cancellationToken) =>
        readings.CreateAsync(vehicleId, Input, cancellationToken);
}
