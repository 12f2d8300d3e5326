using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Permissions;

namespace AutoTracker.Vehicles;

public sealed class ServiceRecordAppService(
    VehicleVisibility vehicles,
    IPermissionChecker permissions,
    IRepository<ServiceRecord> records,
    MeterReadingManager meterManager,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : IServiceRecordAppService
{
    public async Task<IReadOnlyList<ServiceRecordDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.ServiceRecords.Default, cancellationToken);
        await vehicles.GetAsync(vehicleId, cancellationToken);
        var list = await executor.ToListAsync(
            records.Query().Where(s => s.VehicleId == vehicleId).OrderByDescending(s => s.Date).ThenByDescending(s => s.MeterValue),
            cancellationToken);
        return list.Select(VehicleMapper.ToDto).ToList();
    }

    public async Task<ServiceRecordDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.ServiceRecords.Default, cancellationToken);
        await vehicles.GetAsync(vehicleId, cancellationToken);
        var record = await GetOwnedAsync(vehicleId, id, cancellationToken);
        return VehicleMapper.ToDto(record);
    }

    public async Task<ServiceRecordDto> CreateAsync(Guid vehicleId, CreateServiceRecordDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.ServiceRecords.Create, cancellationToken);
        InputValidator.Validate(input);
        EnsureDateInRange(input.Date!.Value, input.Status);

        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var record = new ServiceRecord(Guid.NewGuid(), vehicleId, input.Description.Trim());
        Apply(record, input);
        records.Insert(record);
        if (record.MeterReadingValue is { } meter)
        {
            await meterManager.AddAsync(
                vehicle, record.Date, meter, MeterReadingSource.ServiceRecord, isReset: false, record.Id, nameof(input.MeterValue), cancellationToken);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return VehicleMapper.ToDto(record);
    }

    public async Task<ServiceRecordDto> UpdateAsync(Guid vehicleId, Guid id, UpdateServiceRecordDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.ServiceRecords.Edit, cancellationToken);
        InputValidator.Validate(input);
        EnsureDateInRange(input.Date!.Value, input.Status);

        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var record = await GetOwnedAsync(vehicleId, id, cancellationToken);
        records.ExpectConcurrencyStamp(record, input.ConcurrencyStamp);
        Apply(record, input);
        await SyncReadingAsync(vehicle, record, cancellationToken);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return VehicleMapper.ToDto(record);
    }

    public async Task DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.ServiceRecords.Delete, cancellationToken);
        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var record = await GetOwnedAsync(vehicleId, id, cancellationToken);
        var reading = await meterManager.FindBySourceAsync(record.Id, cancellationToken);
        if (reading is not null)
        {
            await meterManager.RemoveAsync(vehicle, reading, cancellationToken);
        }

        records.Delete(record);
        await unitOfWork.SaveChangesAsync(cancellationToken);
    }

    private void EnsureDateInRange(DateOnly date, ServiceRecordStatus status)
    {
        const string field = nameof(CreateServiceRecordDto.Date);
        if (RecordDateRange.CheckServiceDate(date, RecordDateRange.Today(clock), status, field) is { } problem)
        {
            throw new InputValidationException(field, problem);
        }
    }

    private async Task SyncReadingAsync(Vehicle vehicle, ServiceRecord record, CancellationToken cancellationToken)
    {
        var reading = await meterManager.FindBySourceAsync(record.Id, cancellationToken);
        const string field = nameof(CreateServiceRecordDto.MeterValue);
        switch (reading, record.MeterReadingValue)
        {
            case (null, { } meter):
                await meterManager.AddAsync(vehicle, record.Date, meter, MeterReadingSource.ServiceRecord, false, record.Id, field, cancellationToken);
                break;
            case ({ } existing, { } meter):
                await meterManager.UpdateAsync(vehicle, existing, record.Date, meter, existing.IsReset, field, cancellationToken);
                break;
            case ({ } existing, null):
                await meterManager.RemoveAsync(vehicle, existing, cancellationToken);
                break;
        }
    }

    private static void Apply(ServiceRecord record, CreateServiceRecordDto input)
    {
        // First, because it checks the amounts and throws before any other field changes.
        record.ReplaceLines(input.Lines.Select(l => new ServiceLine(l.Kind, l.Description.Trim(), l.Quantity, l.UnitCost)));
        record.Date = input.Date!.Value;
        record.MeterValue = input.MeterValue;
        record.Vendor = InputText.TrimToNull(input.Vendor);
        record.Description = input.Description.Trim();
        record.Status = input.Status;
        record.Notes = InputText.TrimToNull(input.Notes);
    }

    private async Task<ServiceRecord> GetOwnedAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(id, cancellationToken);
        return record.VehicleId == vehicleId ? record : throw new EntityNotFoundException(typeof(ServiceRecord), id);
    }
}
