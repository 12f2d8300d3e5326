using AutoTracker.Domain;

namespace AutoTracker.Vehicles;

/// <summary>
/// Adds, moves and removes meter readings while keeping a vehicle's meter history monotonic: a reading may
/// not be lower than the one before it, nor higher than the one after it, unless one of them marks a meter
/// replacement or reset.
/// </summary>
public sealed class MeterReadingManager(IRepository<MeterReading> readings, IQueryExecutor executor)
{
    public async Task<MeterReading> AddAsync(
        Vehicle vehicle,
        DateOnly date,
        double value,
        MeterReadingSource source,
        bool isReset,
        Guid? sourceRecordId,
        string field,
        CancellationToken cancellationToken)
    {
        await EnsureFitsHistoryAsync(vehicle.Id, null, date, value, isReset, field, cancellationToken);

        var reading = new MeterReading(Guid.NewGuid(), vehicle.Id, date, value, source, isReset, sourceRecordId);
        readings.Insert(reading);
        await RefreshCurrentMeterAsync(vehicle, reading, null, cancellationToken);
        return reading;
    }

    public async Task UpdateAsync(Vehicle vehicle, MeterReading reading, DateOnly date, double value, bool isReset, string field, CancellationToken cancellationToken)
    {
        await EnsureFitsHistoryAsync(vehicle.Id, reading.Id, date, value, isReset, field, cancellationToken);

        reading.Date = date;
        reading.Value = value;
        reading.IsReset = isReset;
        await RefreshCurrentMeterAsync(vehicle, reading, null, cancellationToken);
    }

    public async Task RemoveAsync(Vehicle vehicle, MeterReading reading, CancellationToken cancellationToken)
    {
        readings.Delete(reading);
        await RefreshCurrentMeterAsync(vehicle, null, reading.Id, cancellationToken);
    }

    public Task<MeterReading?> FindBySourceAsync(Guid sourceRecordId, CancellationToken cancellationToken) =>
        executor.FirstOrDefaultAsync(readings.Query().Where(r => r.SourceRecordId == sourceRecordId), cancellationToken);

    private async Task EnsureFitsHistoryAsync(Guid vehicleId, Guid? ignoreId, DateOnly date, double value, bool isReset, string field, CancellationToken cancellationToken)
    {
        var history = readings.Query().Where(r => r.VehicleId == vehicleId && r.Id != ignoreId);

        var previous = await executor.FirstOrDefaultAsync(
            history.Where(r => r.Date <= date).OrderByDescending(r => r.Date).ThenByDescending(r => r.Value),
            cancellationToken);
        if (!isReset && previous is not null && value < previous.Value)
        {
            throw new BusinessException(
                ErrorCodes.MeterBelowPrevious,
                $"The meter value {value} is lower than the previous reading {previous.Value} on {previous.Date:yyyy-MM-dd}. Mark it as a meter replacement or reset if the meter was changed.",
                field);
        }

        var next = await executor.FirstOrDefaultAsync(
            history.Where(r => r.Date > date).OrderBy(r => r.Date).ThenBy(r => r.Value),
            cancellationToken);
        if (next is not null && !next.IsReset && value > next.Value)
        {
            throw new BusinessException(
                ErrorCodes.MeterAboveNext,
                $"The meter value {value} is higher than the later reading {next.Value} on {next.Date:yyyy-MM-dd}.",
                field);
        }
    }

    private async Task RefreshCurrentMeterAsync(Vehicle vehicle, MeterReading? pending, Guid? removedId, CancellationToken cancellationToken)
    {
        var latestStored = await executor.FirstOrDefaultAsync(
            readings.Query()
                .Where(r => r.VehicleId == vehicle.Id && r.Id != removedId && (pending == null || r.Id != pending.Id))
                .OrderByDescending(r => r.Date).ThenByDescending(r => r.Value),
            cancellationToken);

        var latest = latestStored;
        if (pending is not null && (latest is null || pending.Date > latest.Date || (pending.Date == latest.Date && pending.Value >= latest.Value)))
        {
            latest = pending;
        }

        vehicle.SetCurrentMeter(latest?.Value);
    }
}
