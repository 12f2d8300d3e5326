using AutoTracker.Localization;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace AutoTracker.Pages.Vehicles.ServiceRecords;

[Authorize(AutoTrackerPermissions.ServiceRecords.Edit)]
public sealed class EditModel(IVehicleAppService vehicles, IServiceScopeFactory scopes, IStringLocalizer<AutoTrackerResource> localizer)
    : VehicleRecordEditModel<ServiceRecordDto, UpdateServiceRecordDto>(vehicles, scopes, localizer)
{
    /// <summary>After a conflict: the stored lines, shown beside the form because lines have no one-to-one field to compare.</summary>
    public IReadOnlyList<ServiceLineDto>? CurrentLines { get; private set; }

    protected override string SavedMessage => Localizer["Service record saved."].Value;

    protected override string DetailsFragment => "service-records";

    protected override Task<ServiceRecordDto> ReadAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<IServiceRecordAppService>().GetAsync(vehicleId, id, cancellationToken);

    protected override UpdateServiceRecordDto ToInput(ServiceRecordDto record) => new()
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

    protected override Task SaveAsync(IServiceProvider services, Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<IServiceRecordAppService>().UpdateAsync(vehicleId, id, Input, cancellationToken);

    protected override void ShowDifferences(ConcurrencyConflictDisplay display, ServiceRecordDto current)
    {
        CurrentLines = current.Lines;
        display.Compare(nameof(Input.Date), Input.Date, current.Date);
        display.Compare(nameof(Input.MeterValue), Input.MeterValue, current.MeterValue);
        display.Compare(nameof(Input.Vendor), Input.Vendor, current.Vendor);
        display.Compare(nameof(Input.Description), Input.Description, current.Description);
        display.Compare(nameof(Input.Status), Input.Status, current.Status);
        display.Compare(nameof(Input.Notes), Input.Notes, current.Notes);
        Input.ConcurrencyStamp = current.ConcurrencyStamp;
    }
}
