using AutoTracker.Domain;
using AutoTracker.Vehicles.Vins;

namespace AutoTracker.Vehicles;

/// <summary>Checks a vehicle's VIN: format and check digit, uniqueness within the tenant, and its model year.</summary>
public sealed class VehicleVinService(IRepository<Vehicle> vehicles, IQueryExecutor executor, TimeProvider timeProvider)
{
    private readonly VinDecoder _decoder = new(timeProvider);

    public VinDecoding Decode(string vin) => _decoder.Decode(vin);

    /// <summary>Returns the decoded VIN, or null when none was entered; throws when the VIN is invalid or already used.</summary>
    public async Task<VinDecoding?> CheckAsync(string? vin, Guid vehicleId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(vin))
        {
            return null;
        }

        var decoded = _decoder.Decode(vin);
        if (!decoded.IsAcceptable)
        {
            throw new BusinessException(ErrorCodes.VinInvalid, VehicleMapper.DescribeProblem(decoded), nameof(CreateUpdateVehicleDto.Vin));
        }

        var normalized = decoded.Normalized;
        var inUse = await executor.AnyAsync(vehicles.Query().Where(v => v.Vin == normalized && v.Id != vehicleId), cancellationToken);
        if (inUse)
        {
            throw new BusinessException(ErrorCodes.VinDuplicate, $"Another vehicle already has the VIN {normalized}.", nameof(CreateUpdateVehicleDto.Vin));
        }

        return decoded;
    }

    /// <summary>
    /// Takes the model year from the VIN when none was entered. Rejects an entered year that is in the future,
    /// or one that contradicts a North American VIN, because position 10 of such a VIN is a mandatory year code.
    /// </summary>
    public int? ResolveModelYear(int? entered, VinDecoding? decoded)
    {
        var latest = timeProvider.GetUtcNow().Year + VehicleConsts.MaxModelYearAhead;
        if (entered > latest)
        {
            throw new InputValidationException(nameof(CreateUpdateVehicleDto.ModelYear), $"The model year must be {latest} or earlier.");
        }

        if (entered is null)
        {
            return decoded?.ModelYear;
        }

        // The year code repeats every 30 years, so a year 30 years off the decoded one matches too.
        if (decoded is { CheckDigitRequired: true, ModelYear: { } vinYear } && Math.Abs(vinYear - entered.Value) % 30 != 0)
        {
            throw new BusinessException(
                ErrorCodes.ModelYearMismatch,
                $"The model year {entered} does not match the VIN, which encodes {vinYear}.",
                nameof(CreateUpdateVehicleDto.ModelYear));
        }

        return entered;
    }
}
