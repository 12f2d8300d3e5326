using AutoTracker.Application;

namespace AutoTracker.Vehicles;

public interface IVehicleAppService
{
    Task<PagedResult<VehicleDto>> GetListAsync(GetVehicleListInput input, CancellationToken cancellationToken);

    Task<VehicleDto> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Returns the organization units the current user may assign vehicles to, sorted by code.</summary>
    Task<IReadOnlyList<Identity.OrganizationUnitDto>> GetAssignableUnitsAsync(CancellationToken cancellationToken);

    Task<VehicleDto> CreateAsync(CreateUpdateVehicleDto input, CancellationToken cancellationToken);

    Task<VehicleDto> UpdateAsync(Guid id, UpdateVehicleDto input, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    VinDecodingDto DecodeVin(string vin);
}

public interface IMeterReadingAppService
{
    Task<IReadOnlyList<MeterReadingDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken);

    Task<MeterReadingDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken);

    Task<MeterReadingDto> CreateAsync(Guid vehicleId, CreateMeterReadingDto input, CancellationToken cancellationToken);

    Task<MeterReadingDto> UpdateAsync(Guid vehicleId, Guid id, UpdateMeterReadingDto input, CancellationToken cancellationToken);

    Task DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken);
}

public interface IFuelEntryAppService
{
    Task<IReadOnlyList<FuelEntryDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken);

    Task<FuelEntryDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken);

    Task<FuelEntryDto> CreateAsync(Guid vehicleId, CreateFuelEntryDto input, CancellationToken cancellationToken);

    Task<FuelEntryDto> UpdateAsync(Guid vehicleId, Guid id, UpdateFuelEntryDto input, CancellationToken cancellationToken);

    Task DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken);

    /// <summary>Returns the economy in <paramref name="unit"/>, or in the tenant's preferred unit when null.</summary>
    Task<FuelEconomySummaryDto> GetEconomyAsync(Guid vehicleId, EconomyUnit? unit, CancellationToken cancellationToken);
}

public interface IServiceRecordAppService
{
    Task<IReadOnlyList<ServiceRecordDto>> GetListAsync(Guid vehicleId, CancellationToken cancellationToken);

    Task<ServiceRecordDto> GetAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken);

    Task<ServiceRecordDto> CreateAsync(Guid vehicleId, CreateServiceRecordDto input, CancellationToken cancellationToken);

    Task<ServiceRecordDto> UpdateAsync(Guid vehicleId, Guid id, UpdateServiceRecordDto input, CancellationToken cancellationToken);

    Task DeleteAsync(Guid vehicleId, Guid id, CancellationToken cancellationToken);
}
