using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Permissions;

namespace AutoTracker.Vehicles;

public sealed class MeterReadingAppService(
    VehicleVisibility vehicles,
    IPermissionChecker permissions,
    IRepository<MeterReading> readings,
    MeterReadingManager meterManager,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : IMeterReadingAppService
{
    public async Task<IReadOnlyList<MeterReadingDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.MeterReadings.Default, cancellationToken);
        await vehicles.GetAsync(vehicleId, cancellationToken);
        var list = await executor.ToListAsync(
            readings.Query().Where(r => r.VehicleId == vehicleId).OrderByDescending(r => r.Date).ThenByDescending(r => r.Value),
            cancellationToken);
        return list.Select(VehicleMapper.ToDto).ToList();
    }

    public async Task<MeterReadingDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.MeterReadings.Default, cancellationToken);
        await vehicles.GetAsync(vehicleId, cancellationToken);
        var reading = await GetOwnedAsync(vehicleId, id, cancellationToken);
        return VehicleMapper.ToDto(reading);
    }

    public async Task<MeterReadingDto> CreateAsync(Guid vehicleId, CreateMeterReadingDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.MeterReadings.Create, cancellationToken);
        InputValidator.Validate(input);
        EnsureDateInRange(input.Date!.Value);

        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var reading = await meterManager.AddAsync(
            vehicle, input.Date!.Value, input.Value!.Value, MeterReadingSource.Manual, input.IsReset, null, nameof(input.Value), cancellationToken);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return VehicleMapper.ToDto(reading);
    }

    public async Task<MeterReadingDto> UpdateAsync(Guid vehicleId, Guid id, UpdateMeterReadingDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.MeterReadings.Edit, cancellationToken);
        InputValidator.Validate(input);
        EnsureDateInRange(input.Date!.Value);

        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var reading = await GetOwnedAsync(vehicleId, id, cancellationToken);
        readings.ExpectConcurrencyStamp(reading, input.ConcurrencyStamp);
        EnsureManual(reading);

        await meterManager.UpdateAsync(vehicle, reading, input.Date!.Value, input.Value!.Value, input.IsReset, nameof(input.Value), cancellationToken);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return VehicleMapper.ToDto(reading);
    }

    public async Task DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.MeterReadings.Delete, cancellationToken);
        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var reading = await GetOwnedAsync(vehicleId, id, cancellationToken);
        EnsureManual(reading);
        await meterManager.RemoveAsync(vehicle, reading, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
    }

    private void EnsureDateInRange(DateOnly date)
    {
        const string field = nameof(CreateMeterReadingDto.Date);
        if (RecordDateRange.Check(date, RecordDateRange.Today(clock), plannedService: false, field) is { } problem)
        {
            throw new InputValidationException(field, problem);
        }
    }

    /// <summary>Rejects changes to a reading taken from a fuel entry or service record; it changes with its record.</summary>
    private static void EnsureManual(MeterReading reading)
    {
        if (reading.Source is MeterReadingSource.FuelEntry or MeterReadingSource.ServiceRecord)
        {
            throw new BusinessException(
                "AutoTracker:Vehicles:MeterReadingOwned",
                "This reading belongs to a fuel entry or service record; change or delete it there.",
                nameof(UpdateMeterReadingDto.Value));
        }
    }

    private async Task<MeterReading> GetOwnedAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        var reading = await readings.GetAsync(id, cancellationToken);
        return reading.VehicleId == vehicleId ? reading : throw new EntityNotFoundException(typeof(MeterReading), id);
    }
}
