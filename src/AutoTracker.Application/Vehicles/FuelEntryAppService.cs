using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.Permissions;
using AutoTracker.TenantManagement;
using AutoTracker.Settings;

namespace AutoTracker.Vehicles;

public sealed class FuelEntryAppService(
    VehicleVisibility vehicles,
    IPermissionChecker permissions,
    IRepository<FuelEntry> entries,
    ISettingProvider settings,
    MeterReadingManager meterManager,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : IFuelEntryAppService
{
    public async Task<IReadOnlyList<FuelEntryDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.FuelEntries.Default, cancellationToken);
        await vehicles.GetAsync(vehicleId, cancellationToken);
        var list = await executor.ToListAsync(
            entries.Query().Where(f => f.VehicleId == vehicleId).OrderByDescending(f => f.Date).ThenByDescending(f => f.MeterValue),
            cancellationToken);
        return list.Select(VehicleMapper.ToDto).ToList();
    }

    public async Task<FuelEntryDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.FuelEntries.Default, cancellationToken);
        await vehicles.GetAsync(vehicleId, cancellationToken);
        var entry = await GetOwnedAsync(vehicleId, id, cancellationToken);
        return VehicleMapper.ToDto(entry);
    }

    public async Task<FuelEntryDto> CreateAsync(Guid vehicleId, CreateFuelEntryDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.FuelEntries.Create, cancellationToken);
        InputValidator.Validate(input);
        EnsureDateInRange(input.Date!.Value);
        EnsureUnitFitsFuel(input);

        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var entry = new FuelEntry(Guid.NewGuid(), vehicleId);
        Apply(entry, input);
        entries.Insert(entry);
        await meterManager.AddAsync(
            vehicle, entry.Date, entry.MeterValue, MeterReadingSource.FuelEntry, isReset: false, entry.Id, nameof(input.MeterValue), cancellationToken);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return VehicleMapper.ToDto(entry);
    }

    public async Task<FuelEntryDto> UpdateAsync(Guid vehicleId, Guid id, UpdateFuelEntryDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.FuelEntries.Edit, cancellationToken);
        InputValidator.Validate(input);
        EnsureDateInRange(input.Date!.Value);
        EnsureUnitFitsFuel(input);

        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var entry = await GetOwnedAsync(vehicleId, id, cancellationToken);
        entries.ExpectConcurrencyStamp(entry, input.ConcurrencyStamp);
        Apply(entry, input);
        var reading = await meterManager.FindBySourceAsync(entry.Id, cancellationToken);
        if (reading is null)
        {
            await meterManager.AddAsync(
                vehicle, entry.Date, entry.MeterValue, MeterReadingSource.FuelEntry, isReset: false, entry.Id, nameof(input.MeterValue), cancellationToken);
        }
        else
        {
            await meterManager.UpdateAsync(vehicle, reading, entry.Date, entry.MeterValue, reading.IsReset, nameof(input.MeterValue), cancellationToken);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return VehicleMapper.ToDto(entry);
    }

    public async Task DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.FuelEntries.Delete, cancellationToken);
        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var entry = await GetOwnedAsync(vehicleId, id, cancellationToken);
        var reading = await meterManager.FindBySourceAsync(entry.Id, cancellationToken);
        if (reading is not null)
        {
            await meterManager.RemoveAsync(vehicle, reading, cancellationToken);
        }

        entries.Delete(entry);
        await unitOfWork.SaveChangesAsync(cancellationToken);
    }

    public async Task<FuelEconomySummaryDto> GetEconomyAsync(Guid vehicleId, EconomyUnit? unit, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.FuelEntries.Default, cancellationToken);
        var vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        var effective = await settings.GetEffectiveAsync(cancellationToken);
        var preferred = effective.EconomyUnit;
        var rows = await executor.ToListAsync(
            entries.Query()
                .Where(f => f.VehicleId == vehicleId)
                .Select(f => new { Input = new FuelEconomyInput(f.Id, f.Date, f.MeterValue, f.Quantity, f.Unit, f.IsFullTank, f.IsMissedFillUp), f.TotalCost }),
            cancellationToken);

        var intervals = FuelEconomyCalculator.Compute(rows.Select(r => r.Input), vehicle.MeterUnit);
        var summary = FuelEconomySummary.Create(intervals, vehicle.MeterUnit, unit ?? preferred, rows.Sum(r => r.TotalCost), rows.Count);
        return summary with { PreferredUnit = preferred, Currency = effective.Currency };
    }

    private void EnsureDateInRange(DateOnly date)
    {
        const string field = nameof(CreateFuelEntryDto.Date);
        if (RecordDateRange.Check(date, RecordDateRange.Today(clock), plannedService: false, field) is { } problem)
        {
            throw new InputValidationException(field, problem);
        }
    }

    private static void EnsureUnitFitsFuel(CreateFuelEntryDto input)
    {
        var electric = input.FuelType == FuelType.Electricity;
        if (electric != (input.Unit == FuelUnit.KilowattHours))
        {
            throw new BusinessException(
                ErrorCodes.FuelUnitMismatch,
                electric ? "Electricity is measured in kWh." : "Liquid and gas fuels are measured in litres or US gallons, not kWh.",
                nameof(input.Unit));
        }
    }

    private static void Apply(FuelEntry entry, CreateFuelEntryDto input)
    {
        // First, because it checks the amounts and throws before any other field changes.
        entry.SetAmounts(input.Quantity!.Value, input.Unit, input.PricePerUnit, input.TotalCost);
        entry.Date = input.Date!.Value;
        entry.MeterValue = input.MeterValue!.Value;
        entry.FuelType = input.FuelType;
        entry.IsFullTank = input.IsFullTank;
        entry.IsMissedFillUp = input.IsMissedFillUp;
        entry.Vendor = InputText.TrimToNull(input.Vendor);
        entry.Notes = InputText.TrimToNull(input.Notes);
    }

    private async Task<FuelEntry> GetOwnedAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken)
    {
        var entry = await entries.GetAsync(id, cancellationToken);
        return entry.VehicleId == vehicleId ? entry : throw new EntityNotFoundException(typeof(FuelEntry), id);
    }
}
