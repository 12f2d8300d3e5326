using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Vehicles;

[ApiController]
[Route("api/app/vehicles/{vehicleId:guid}/meter-readings")]
[Authorize(AutoTrackerPermissions.MeterReadings.Default)]
public sealed class MeterReadingsController(IMeterReadingAppService readings) : ControllerBase
{
    [HttpGet]
    public Task<IReadOnlyList<MeterReadingDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken) =>
        readings.GetListAsync(vehicleId, cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<MeterReadingDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        readings.GetAsync(vehicleId, id, cancellationToken);

    [Authorize(AutoTrackerPermissions.MeterReadings.Create)]
    [HttpPost]
    public async Task<ActionResult<MeterReadingDto>> CreateAsync(Guid vehicleId, CreateMeterReadingDto input, CancellationToken cancellationToken)
    {
        var created = await readings.CreateAsync(vehicleId, input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { vehicleId, id = created.Id }, created);
    }

    [Authorize(AutoTrackerPermissions.MeterReadings.Edit)]
    [HttpPut("{id:guid}")]
    public Task<MeterReadingDto> UpdateAsync(Guid vehicleId, Guid id, UpdateMeterReadingDto input, CancellationToken cancellationToken) =>
        readings.UpdateAsync(vehicleId, id, input, cancellationToken);

    [Authorize(AutoTrackerPermissions.MeterReadings.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await readings.DeleteAsync(vehicleId, id, cancellationToken);
        return NoContent();
    }
}

[ApiController]
[Route("api/app/vehicles/{vehicleId:guid}/fuel-entries")]
[Authorize(AutoTrackerPermissions.FuelEntries.Default)]
public sealed class FuelEntriesController(IFuelEntryAppService entries) : ControllerBase
{
    [HttpGet]
    public Task<IReadOnlyList<FuelEntryDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken) =>
        entries.GetListAsync(vehicleId, cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<FuelEntryDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        entries.GetAsync(vehicleId, id, cancellationToken);

    [Authorize(AutoTrackerPermissions.FuelEntries.Create)]
    [HttpPost]
    public async Task<ActionResult<FuelEntryDto>> CreateAsync(Guid vehicleId, CreateFuelEntryDto input, CancellationToken cancellationToken)
    {
        var created = await entries.CreateAsync(vehicleId, input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { vehicleId, id = created.Id }, created);
    }

    [Authorize(AutoTrackerPermissions.FuelEntries.Edit)]
    [HttpPut("{id:guid}")]
    public Task<FuelEntryDto> UpdateAsync(Guid vehicleId, Guid id, UpdateFuelEntryDto input, CancellationToken cancellationToken) =>
        entries.UpdateAsync(vehicleId, id, input, cancellationToken);

    [Authorize(AutoTrackerPermissions.FuelEntries.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await entries.DeleteAsync(vehicleId, id, cancellationToken);
        return NoContent();
    }

    [HttpGet("/api/app/vehicles/{vehicleId:guid}/fuel-economy")]
    public Task<FuelEconomySummaryDto> GetEconomyAsync(Guid vehicleId, [FromQuery] EconomyUnit? unit, CancellationToken cancellationToken) =>
        entries.GetEconomyAsync(vehicleId, unit, cancellationToken);
}

[ApiController]
[Route("api/app/vehicles/{vehicleId:guid}/service-records")]
[Authorize(AutoTrackerPermissions.ServiceRecords.Default)]
public sealed class ServiceRecordsController(IServiceRecordAppService records) : ControllerBase
{
    [HttpGet]
    public Task<IReadOnlyList<ServiceRecordDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken) =>
        records.GetListAsync(vehicleId, cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<ServiceRecordDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken) =>
        records.GetAsync(vehicleId, id, cancellationToken);

    [Authorize(AutoTrackerPermissions.ServiceRecords.Create)]
    [HttpPost]
    public async Task<ActionResult<ServiceRecordDto>> CreateAsync(Guid vehicleId, CreateServiceRecordDto input, CancellationToken cancellationToken)
    {
        var created = await records.CreateAsync(vehicleId, input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { vehicleId, id = created.Id }, created);
    }

    [Authorize(AutoTrackerPermissions.ServiceRecords.Edit)]
    [HttpPut("{id:guid}")]
    public Task<ServiceRecordDto> UpdateAsync(Guid vehicleId, Guid id, UpdateServiceRecordDto input, CancellationToken cancellationToken) =>
        records.UpdateAsync(vehicleId, id, input, cancellationToken);

    [Authorize(AutoTrackerPermissions.ServiceRecords.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await records.DeleteAsync(vehicleId, id, cancellationToken);
        return NoContent();
    }
}
