using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.ServiceRecords;

[Authorize(AutoTrackerPermissions.ServiceRecords.Create)]
public sealed class CreateModel(
    IVehicleAppService vehicles,
    IServiceRecordAppService serviceRecords,
    TimeProvider timeProvider,
    IStringLocalizer<AutoTrackerResource> localizer) : VehicleRecordCreateModel<CreateServiceRecordDto>(vehicles, localizer)
{
    protected override string SavedMessage => Localizer["Service record added."].Value;

    protected override string DetailsFragment => "service-records";

    protected override Task PrefillAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        Input.Date = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        Input.MeterValue = Vehicle.CurrentMeter;
        return Task.CompletedTask;
    }

    protected override Task CreateAsync(Guid vehicleId, CancellationToken cancellationToken) =>
        serviceRecords.CreateAsync(vehicleId, Input, cancellationToken);
}
