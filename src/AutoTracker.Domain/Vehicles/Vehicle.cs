using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Vehicles;

/// <summary>A vehicle or machine tracked by a tenant, with its identity and its latest meter value.</summary>
public sealed class Vehicle : AggregateRoot, IMultiTenant
{
    private Vehicle()
        : base(Guid.Empty)
    {
        Make = string.Empty;
        Model = string.Empty;
    }

    public Vehicle(Guid id, string make, string model, MeterUnit meterUnit, VehicleKind kind)
        : base(id)
    {
        Make = make;
        Model = model;
        MeterUnit = meterUnit;
        Kind = kind;
        Status = VehicleStatus.Active;
    }

    public Guid? TenantId { get; private set; }

    /// <summary>Normalized VIN (trimmed, upper case), or null for machines that have none.</summary>
    public string? Vin { get; private set; }

    public VinCheckState VinCheck { get; private set; }

    /// <summary>Manufacturer decoded from the VIN's WMI, when the WMI table knows it.</summary>
    public string? VinManufacturer { get; private set; }

    /// <summary>Region of manufacture decoded from the first VIN character.</summary>
    public string? VinRegion { get; private set; }

    public string Make { get; set; }

    public string Model { get; set; }

    public int? ModelYear { get; set; }

    public string? Trim { get; set; }

    public string? Color { get; set; }

    public string? Plate { get; set; }

    public string? UnitNumber { get; set; }

    public VehicleKind Kind { get; set; }

    public VehicleStatus Status { get; set; }

    public MeterUnit MeterUnit { get; private set; }

    /// <summary>Value of the latest meter reading, in <see cref="MeterUnit"/>; null before the first reading.</summary>
    public double? CurrentMeter { get; private set; }

    public string? Notes { get; set; }

    /// <summary>The organization unit the vehicle belongs to; null while unassigned.</summary>
    public Guid? OrganizationUnitId { get; set; }

    public void SetVin(string? vin, VinCheckState check, string? manufacturer, string? region)
    {
        Vin = string.IsNullOrEmpty(vin) ? null : vin;
        VinCheck = Vin is null ? VinCheckState.NotChecked : check;
        VinManufacturer = Vin is null ? null : manufacturer;
        VinRegion = Vin is null ? null : region;
    }

    /// <summary>Changes the meter unit; only allowed while the vehicle has no readings, since old values would change meaning.</summary>
    public void ChangeMeterUnit(MeterUnit unit, bool hasReadings)
    {
        if (unit == MeterUnit)
        {
            return;
        }

        if (hasReadings)
        {
            throw new BusinessException(
                "AutoTracker:Vehicles:MeterUnitLocked",
                "The meter unit cannot change once the vehicle has meter readings.",
                nameof(MeterUnit));
        }

        MeterUnit = unit;
    }

    public void SetCurrentMeter(double? value) => CurrentMeter = value;
}
