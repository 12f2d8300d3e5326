using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.FuelEntries;

[Authorize(AutoTrackerPermissions.FuelEntries.Create)]
public sealed class CreateModel(
    IVehicleAppService vehicles,
    IFuelEntryAppService fuelEntries,
    AutoTracker.Settings.ISettingProvider settings,
    TimeProvider timeProvider,
    IStringLocalizer<AutoTrackerResource> localizer) : VehicleRecordCreateModel<CreateFuelEntryDto>(vehicles, localizer)
{
    protected override string SavedMessage => Localizer["Fuel entry added."].Value;

    protected override string DetailsFragment => "fuel-entries";

    protected override async Task PrefillAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        var previous = await fuelEntries.GetListAsync(vehicleId, cancellationToken);

        // Start from the latest entry's fuel, unit and vendor: most vehicles fill up the same way every time. The
        // first entry gets the tenant's volume unit.
        var latest = previous.Count > 0 ? previous[0] : null;
        var effective = await settings.GetEffectiveAsync(cancellationToken);
        Input.Date = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        Input.FuelType = latest?.FuelType ?? FuelType.Petrol;
        Input.Unit = latest?.Unit ?? effective.VolumeUnit;
        Input.Vendor = latest?.Vendor;
    }

    protected override Task CreateAsync(Guid vehicleId, CancellationToken cancellationToken) =>
        fuelEntries.CreateAsync(vehicleId, Input, cancellationToken);
}
