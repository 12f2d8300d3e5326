using System.ComponentModel.DataAnnotations;
using AutoTracker.Application;

namespace AutoTracker.Vehicles;

public sealed class VehicleDto
{
    public Guid Id { get; init; }

    public string? Vin { get; init; }

    public VinCheckState VinCheck { get; init; }

    public string? VinManufacturer { get; init; }

    public string? VinRegion { get; init; }

    public string Make { get; init; } = string.Empty;

    public string Model { get; init; } = string.Empty;

    public int? ModelYear { get; init; }

    public string? Trim { get; init; }

    public string? Color { get; init; }

    public string? Plate { get; init; }

    public string? UnitNumber { get; init; }

    public VehicleKind Kind { get; init; }

    public VehicleStatus Status { get; init; }

    public MeterUnit MeterUnit { get; init; }

    public double? CurrentMeter { get; init; }

    public string? Notes { get; init; }

    /// <summary>The organization unit the vehicle belongs to; null while unassigned.</summary>
    public Guid? OrganizationUnitId { get; init; }

    public DateTime CreationTime { get; init; }

    public string ConcurrencyStamp { get; init; } = string.Empty;
}

/// <summary>Fields a client may set on a vehicle; the VIN is checked and decoded by the server.</summary>
public class CreateUpdateVehicleDto
{
    [StringLength(VehicleConsts.MaxVinInputLength)]
    public string? Vin { get; set; }

    /// <summary>Required unless the VIN's manufacturer is known, whose brand is then taken.</summary>
    [StringLength(VehicleConsts.MaxMakeLength)]
    public string? Make { get; set; }

    [Required]
    [StringLength(VehicleConsts.MaxModelLength)]
    public string Model { get; set; } = string.Empty;

    [Range(VehicleConsts.MinModelYear, 2100)]
    public int? ModelYear { get; set; }

    [StringLength(VehicleConsts.MaxTrimLength)]
    public string? Trim { get; set; }

    [StringLength(VehicleConsts.MaxColorLength)]
    public string? Color { get; set; }

    [StringLength(VehicleConsts.MaxPlateLength)]
    public string? Plate { get; set; }

    [StringLength(VehicleConsts.MaxUnitNumberLength)]
    public string? UnitNumber { get; set; }

    [EnumDataType(typeof(VehicleKind))]
    public VehicleKind Kind { get; set; }

    [EnumDataType(typeof(VehicleStatus))]
    public VehicleStatus Status { get; set; }

    [EnumDataType(typeof(MeterUnit))]
    public MeterUnit MeterUnit { get; set; }

    [StringLength(VehicleConsts.MaxNotesLength)]
    [MultiLine]
    public string? Notes { get; set; }

    /// <summary>
    /// The unit the vehicle belongs to, which must be in the tenant and visible to the user. Null leaves the vehicle
    /// unassigned, which only users who see unassigned vehicles may do.
    /// </summary>
    public Guid? OrganizationUnitId { get; set; }
}

public sealed class UpdateVehicleDto : CreateUpdateVehicleDto
{
    /// <summary>The stamp read with the vehicle; the update fails with a conflict if the vehicle changed since.</summary>
    [Required]
    [StringLength(VehicleConsts.ConcurrencyStampLength)]
    public string ConcurrencyStamp { get; set; } = string.Empty;
}

/// <summary>Fields a vehicle list may be sorted by; anything else is rejected.</summary>
public enum VehicleSortField
{
    CreationTime = 0,
    Make = 1,
    ModelYear = 2,
    Plate = 3,
    UnitNumber = 4,
}

public sealed class GetVehicleListInput : PagedRequest
{
    /// <summary>Matches the start of the VIN, plate or unit number, or the start of the make or model.</summary>
    [StringLength(VehicleConsts.MaxSearchLength)]
    public string? Search { get; set; }

    [EnumDataType(typeof(VehicleKind))]
    public VehicleKind? Kind { get; set; }

    [EnumDataType(typeof(VehicleStatus))]
    public VehicleStatus? Status { get; set; }

    [Range(VehicleConsts.MinModelYear, 2100)]
    public int? ModelYear { get; set; }

    /// <summary>Lists only the vehicles assigned to this unit (not those of the units below it).</summary>
    public Guid? OrganizationUnitId { get; set; }

    [EnumDataType(typeof(VehicleSortField))]
    public VehicleSortField Sort { get; set; } = VehicleSortField.CreationTime;

    public bool Descending { get; set; } = true;
}

/// <summary>What the VIN decoder read from a VIN, for the form's live preview and the details page.</summary>
public sealed record VinDecodingDto(
    string Vin,
    bool IsAcceptable,
    string? Problem,
    VinCheckState CheckDigit,
    bool CheckDigitRequired,
    int? ModelYear,
    string? Manufacturer,
    string? Country,
    string? Region,
    string? Make);
