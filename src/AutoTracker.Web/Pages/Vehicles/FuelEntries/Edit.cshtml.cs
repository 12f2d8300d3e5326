using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.FuelEntries;

[Authorize(AutoTrackerPermissions.FuelEntries.Edit)]
public sealed class EditModel(IVehicleAppService vehicles, IServiceScopeFactory scopes, IStringLocalizer<AutoTrackerResource> localizer)
    : VehicleRecordEditModel<FuelEntryDto, UpdateFuelEntryDto>(vehicles, scopes, localizer)
{
    protected override string SavedMessage => Localizer["Fuel entry saved."].Value;

    protected override string DetailsFragment => "fuel-entries";

    protected override Task<FuelEntryDto> ReadAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<IFuelEntryAppService>().GetAsync(vehicleId, id, cancellationToken);

    protected override UpdateFuelEntryDto ToInput(FuelEntryDto entry) => new()
    {
        Date = entry.Date,
        MeterValue = entry.MeterValue,
        Quantity = entry.Quantity,
        Unit = entry.Unit,
        PricePerUnit = entry.PricePerUnit,
        TotalCost = entry.TotalCost,
        FuelType = entry.FuelType,
        IsFullTank = entry.IsFullTank,
        IsMissedFillUp = entry.IsMissedFillUp,
        Vendor = entry.Vendor,
        Notes = entry.Notes,
        ConcurrencyStamp = entry.ConcurrencyStamp,
    };

    protected override Task SaveAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<IFuelEntryAppService>().UpdateAsync(vehicleId, id, Input, cancellationToken);

    protected override void ShowDifferences(ConcurrencyConflictDisplay display, FuelEntryDto current)
    {
        display.Compare(nameof(Input.Date), Input.Date, current.Date);
        display.Compare(nameof(Input.MeterValue), Input.MeterValue, current.MeterValue);
        display.Compare(nameof(Input.Quantity), Input.Quantity, current.Quantity);
        display.Compare(nameof(Input.Unit), Input.Unit, current.Unit);
        display.Compare(nameof(Input.PricePerUnit), Input.PricePerUnit, current.PricePerUnit);
        display.Compare(nameof(Input.TotalCost), Input.TotalCost, current.TotalCost);
        display.Compare(nameof(Input.FuelType), Input.FuelType, current.FuelType);
        display.Compare(nameof(Input.IsFullTank), Input.IsFullTank, current.IsFullTank);
        display.Compare(nameof(Input.IsMissedFillUp), Input.IsMissedFillUp, current.IsMissedFillUp);
        display.Compare(nameof(Input.Vendor), Input.Vendor, current.Vendor);
        display.Compare(nameof(Input.Notes), Input.Notes, current.Notes);
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
