using System.ComponentModel.DataAnnotations;
using AutoTracker.Application;

namespace AutoTracker.Vehicles;

public sealed class MeterReadingDto
{
    public Guid Id { get; init; }

    public Guid VehicleId { get; init; }

    public DateOnly Date { get; init; }

    public double Value { get; init; }

    public MeterReadingSource Source { get; init; }

    public bool IsReset { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

public class CreateMeterReadingDto
{
    [Required]
    public DateOnly? Date { get; set; }

    [Required]
    [Range(0, VehicleConsts.MaxMeterValue)]
    public double? Value { get; set; }

    /// <summary>Set when the meter was replaced or reset, so the value may be lower than the previous reading.</summary>
    public bool IsReset { get; set; }
}

public sealed class UpdateMeterReadingDto : CreateMeterReadingDto
{
    [Required]
    [StringLength(VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class FuelEntryDto
{
    public Guid Id { get; init; }

    public Guid VehicleId { get; init; }

    public DateOnly Date { get; init; }

    public double MeterValue { get; init; }

    public double Quantity { get; init; }

    public FuelUnit Unit { get; init; }

    public decimal PricePerUnit { get; init; }

    public decimal TotalCost { get; init; }

    public FuelType FuelType { get; init; }

    public bool IsFullTank { get; init; }

    public bool IsMissedFillUp { get; init; }

    public string? Vendor { get; init; }

    public string? Notes { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

public class CreateFuelEntryDto
{
    [Required]
    public DateOnly? Date { get; set; }

    [Required]
    [Range(0, VehicleConsts.MaxMeterValue)]
    public double? MeterValue { get; set; }

    [Required]
    [Range(0.001, VehicleConsts.MaxFuelQuantity)]
    public double? Quantity { get; set; }

    [EnumDataType(typeof(FuelUnit))]
    public FuelUnit Unit { get; set; }

    /// <summary>
    /// Price of one unit, derived from the total when left empty. When the total is given too, it may differ from
    /// quantity × price by at most 0.02 or 1%, whichever is larger.
    /// </summary>
    [Range(typeof(decimal), "0", "100000")]
    [DecimalPlaces(3)]
    public decimal? PricePerUnit { get; set; }

    /// <summary>Amount paid; derived from the price when left empty.</summary>
    [Range(typeof(decimal), "0", "10000000")]
    [DecimalPlaces(2)]
    public decimal? TotalCost { get; set; }

    [EnumDataType(typeof(FuelType))]
    public FuelType FuelType { get; set; }

    public bool IsFullTank { get; set; } = true;

    public bool IsMissedFillUp { get; set; }

    [StringLength(VehicleConsts.MaxVendorLength)]
    public string? Vendor { get; set; }

    [StringLength(VehicleConsts.MaxNotesLength)]
    [MultiLine]
    public string? Notes { get; set; }
}

public sealed class UpdateFuelEntryDto : CreateFuelEntryDto
{
    [Required]
    [StringLength(VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed class ServiceLineDto
{
    [EnumDataType(typeof(ServiceLineKind))]
    public ServiceLineKind Kind { get; set; }

    [Required]
    [StringLength(VehicleConsts.MaxLineDescriptionLength)]
    public string Description { get; set; } = string.Empty;

    [Range(typeof(decimal), "0.001", "100000")]
    [DecimalPlaces(3)]
    public decimal Quantity { get; set; } = 1;

    /// <summary>Price of one unit. The line amount, quantity × unit cost rounded to cents, may not exceed 10,000,000, and neither may the record's total.</summary>
    [Range(typeof(decimal), "0", "10000000")]
    [DecimalPlaces(2)]
    public decimal UnitCost { get; set; }

    public decimal Amount { get; init; }
}

public sealed class ServiceRecordDto
{
    public Guid Id { get; init; }

    public Guid VehicleId { get; init; }

    public DateOnly Date { get; init; }

    public double? MeterValue { get; init; }

    public string? Vendor { get; init; }

    public string Description { get; init; } = string.Empty;

    public ServiceRecordStatus Status { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<ServiceLineDto> Lines { get; init; } = [];

    public decimal TotalCost { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

public class CreateServiceRecordDto
{
    [Required]
    public DateOnly? Date { get; set; }

    [Range(0, VehicleConsts.MaxMeterValue)]
    public double? MeterValue { get; set; }

    [StringLength(VehicleConsts.MaxVendorLength)]
    public string? Vendor { get; set; }

    [Required]
    [StringLength(VehicleConsts.MaxDescriptionLength)]
    [MultiLine]
    public string Description { get; set; } = string.Empty;

    [EnumDataType(typeof(ServiceRecordStatus))]
    public ServiceRecordStatus Status { get; set; } = ServiceRecordStatus.Done;

    [StringLength(VehicleConsts.MaxNotesLength)]
    [MultiLine]
    public string? Notes { get; set; }

    [MaxLength(VehicleConsts.MaxServiceLines)]
    public List<ServiceLineDto> Lines { get; set; } = [];
}

public sealed class UpdateServiceRecordDto : CreateServiceRecordDto
{
    [Required]
    [StringLength(VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

public sealed record FuelEconomyIntervalDto(
    Guid StartEntryId,
    Guid EndEntryId,
    DateOnly StartDate,
    DateOnly EndDate,
    double Distance,
    MeterUnit DistanceUnit,
    double Value,
    EconomyUnit Unit);

/// <summary>Economy of a vehicle: each measurable interval and the distance-weighted average over all of them.</summary>
public sealed record FuelEconomySummaryDto(
    IReadOnlyList<FuelEconomyIntervalDto> Intervals,
    double? Average,
    EconomyUnit Unit,
    decimal TotalFuelCost,
    int FillUpCount)
{
    /// <summary>
    /// The tenant's preferred economy unit. <see cref="Unit"/> differs from it when the request named another
    /// unit, or when the preferred unit does not fit the fuel (kWh/100 km for a liquid fuel gives L/100 km).
    /// </summary>
    public EconomyUnit PreferredUnit { get; init; }

    /// <summary>The tenant's currency setting (ISO 4217 code) in which <see cref="TotalFuelCost"/> is shown.</summary>
    public string Currency { get; init; } = string.Empty;
}
