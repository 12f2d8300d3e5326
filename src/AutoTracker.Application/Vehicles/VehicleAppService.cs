using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Permissions;
using AutoTracker.Vehicles.Vins;
using Microsoft.Extensions.Caching.Distributed;

namespace AutoTracker.Vehicles;

public sealed class VehicleAppService(
    IRepository<Vehicle> vehicles,
    IPermissionChecker permissions,
    IRepository<MeterReading> readings,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    IDistributedCache cache,
    ICurrentTenant currentTenant,
    VehicleVinService vinService,
    VehicleVisibility visibility,
    ICurrentUser currentUser,
    TenantManagement.TenantLimitChecker limits) : IVehicleAppService
{
    /// <summary>How long a list's total count is reused; counting a large tenant's vehicles costs more than a page.</summary>
    private static readonly TimeSpan CountCacheDuration = TimeSpan.FromSeconds(30);

    public async Task<PagedResult<VehicleDto>> GetListAsync(GetVehicleListInput input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Default, cancellationToken);
        InputValidator.Validate(input);

        var seesAll = await visibility.SeesAllUnitsAsync(cancellationToken);
        var query = ApplyFilter(await visibility.QueryAsync(cancellationToken), input);
        var page = await executor.ToListAsync(ApplySort(query, input).Skip(input.Skip).Take(input.Take + 1), cancellationToken);
        var hasMore = page.Count > input.Take;
        if (hasMore)
        {
            page.RemoveAt(page.Count - 1);
        }

        // The last page gives the total for free, unless it is empty after a skip: then the skip may run past the end.
        var totalKnown = !hasMore && (page.Count > 0 || input.Skip == 0);
        int? total = totalKnown ? input.Skip + page.Count : await GetCachedCountAsync(query, input, seesAll, cancellationToken);
        return new PagedResult<VehicleDto>(page.Select(VehicleMapper.ToDto).ToList(), hasMore, total);
    }

    public async Task<VehicleDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Default, cancellationToken);
        var vehicle = await visibility.GetAsync(id, cancellationToken);
        return VehicleMapper.ToDto(vehicle);
    }

    public async Task<IReadOnlyList<OrganizationUnitDto>> GetAssignableUnitsAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Default, cancellationToken);
        var assignable = await visibility.QueryAssignableUnitsAsync(cancellationToken);
        var list = await executor.ToListAsync(assignable.OrderBy(u => u.Code), cancellationToken);
        return list.Select(u => new OrganizationUnitDto
        {
            Id = u.Id,
            ParentId = u.ParentId,
            Code = u.Code,
            DisplayName = u.DisplayName,
            Depth = OrganizationUnit.GetDepth(u.Code),
            ConcurrencyStamp = u.ConcurrencyStamp,
        }).ToList();
    }

    public async Task<VehicleDto> CreateAsync(CreateUpdateVehicleDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Create, cancellationToken);
        InputValidator.Validate(input);

        var vehicle = new Vehicle(Guid.NewGuid(), string.Empty, string.Empty, input.MeterUnit, input.Kind);
        await ApplyAsync(vehicle, input, cancellationToken);

        // Only the count and the save run under the tenant's vehicle lock, which keeps it short.
        await using (await limits.LockVehicleCountAsync(cancellationToken))
        {
            await limits.EnsureVehiclesAllowedAsync(1, cancellationToken);
            vehicles.Insert(vehicle);
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return VehicleMapper.ToDto(vehicle);
    }

    public async Task<VehicleDto> UpdateAsync(Guid id, UpdateVehicleDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Edit, cancellationToken);
        InputValidator.Validate(input);

        var vehicle = await visibility.GetAsync(id, cancellationToken);
        vehicles.ExpectConcurrencyStamp(vehicle, input.ConcurrencyStamp);
        var hasReadings = await executor.AnyAsync(readings.Query().Where(r => r.VehicleId == id), cancellationToken);
        vehicle.ChangeMeterUnit(input.MeterUnit, hasReadings);
        await ApplyAsync(vehicle, input, cancellationToken);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return VehicleMapper.ToDto(vehicle);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Delete, cancellationToken);
        var vehicle = await visibility.GetAsync(id, cancellationToken);
        vehicles.Delete(vehicle);
        await unitOfWork.SaveChangesAsync(cancellationToken);
    }

    public VinDecodingDto DecodeVin(string vin) => VehicleMapper.ToDto(vinService.Decode(vin));

    private async Task ApplyAsync(Vehicle vehicle, CreateUpdateVehicleDto input, CancellationToken cancellationToken)
    {
        var decoded = await vinService.CheckAsync(input.Vin, vehicle.Id, cancellationToken);
        vehicle.SetVin(decoded?.Normalized, VehicleMapper.ToCheckState(decoded), decoded?.Manufacturer, VehicleMapper.DescribeRegion(decoded?.Region));

        var make = InputText.TrimToNull(input.Make) ?? decoded?.Make;
        if (make is null)
        {
            throw new InputValidationException(nameof(input.Make), "The make is required when the VIN does not identify the manufacturer.");
        }

        vehicle.Make = make;
        vehicle.Model = InputText.TrimToNull(input.Model) ?? throw new InputValidationException(nameof(input.Model), "The model is required.");
        vehicle.ModelYear = vinService.ResolveModelYear(input.ModelYear, decoded);
        vehicle.Trim = InputText.TrimToNull(input.Trim);
        vehicle.Color = InputText.TrimToNull(input.Color);
        vehicle.Plate = InputText.TrimToNull(input.Plate)?.ToUpperInvariant();
        vehicle.UnitNumber = InputText.TrimToNull(input.UnitNumber);
        vehicle.Kind = input.Kind;
        vehicle.Status = input.Status;
        vehicle.Notes = InputText.TrimToNull(input.Notes);

        await visibility.EnsureAssignableAsync(input.OrganizationUnitId, nameof(input.OrganizationUnitId), cancellationToken);
        vehicle.OrganizationUnitId = input.OrganizationUnitId;
    }

    private static IQueryable<Vehicle> ApplyFilter(IQueryable<Vehicle> query, GetVehicleListInput input)
    {
        if (input.Kind is { } kind)
        {
            query = query.Where(v => v.Kind == kind);
        }

        if (input.Status is { } status)
        {
            query = query.Where(v => v.Status == status);
        }

        if (input.ModelYear is { } year)
        {
            query = query.Where(v => v.ModelYear == year);
        }

        if (input.OrganizationUnitId is { } unitId)
        {
            query = query.Where(v => v.OrganizationUnitId == unitId);
        }

        var search = input.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var upper = search.ToUpperInvariant();
            query = query.Where(v =>
                (v.Vin != null && v.Vin.StartsWith(upper)) ||
                (v.Plate != null && v.Plate.StartsWith(upper)) ||
                (v.UnitNumber != null && v.UnitNumber.StartsWith(search)) ||
                v.Make.StartsWith(search) ||
                v.Model.StartsWith(search));
        }

        return query;
    }

    private static IQueryable<Vehicle> ApplySort(IQueryable<Vehicle> query, GetVehicleListInput input) => (input.Sort, input.Descending) switch
    {
        (VehicleSortField.Make, false) => query.OrderBy(v => v.Make).ThenBy(v => v.Model).ThenBy(v => v.Id),
        (VehicleSortField.Make, true) => query.OrderByDescending(v => v.Make).ThenByDescending(v => v.Model).ThenByDescending(v => v.Id),
        (VehicleSortField.ModelYear, false) => query.OrderBy(v => v.ModelYear).ThenBy(v => v.Id),
        (VehicleSortField.ModelYear, true) => query.OrderByDescending(v => v.ModelYear).ThenByDescending(v => v.Id),
        (VehicleSortField.Plate, false) => query.OrderBy(v => v.Plate).ThenBy(v => v.Id),
        (VehicleSortField.Plate, true) => query.OrderByDescending(v => v.Plate).ThenByDescending(v => v.Id),
        (VehicleSortField.UnitNumber, false) => query.OrderBy(v => v.UnitNumber).ThenBy(v => v.Id),
        (VehicleSortField.UnitNumber, true) => query.OrderByDescending(v => v.UnitNumber).ThenByDescending(v => v.Id),
        (_, false) => query.OrderBy(v => v.CreationTime).ThenBy(v => v.Id),
        _ => query.OrderByDescending(v => v.CreationTime).ThenByDescending(v => v.Id),
    };

    private async Task<int> GetCachedCountAsync(IQueryable<Vehicle> query, GetVehicleListInput input, bool seesAll, CancellationToken cancellationToken)
    {
        // Users who do not see every unit count different vehicles, so each of them gets a key of their own.
        var viewer = seesAll ? "all" : currentUser.Id?.ToString("N") ?? "none";
        var key = $"vehicles:count:{currentTenant.Id:N}:{viewer}:{input.OrganizationUnitId:N}:{input.Kind}:{input.Status}:{input.ModelYear}:{input.Search?.Trim().ToUpperInvariant()}";
        var cached = await cache.GetStringAsync(key, cancellationToken);
        if (int.TryParse(cached, out var count))
        {
            return count;
        }

        count = await executor.CountAsync(query, cancellationToken);
        await cache.SetStringAsync(
            key,
            count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = CountCacheDuration },
            cancellationToken);
        return count;
    }
}
