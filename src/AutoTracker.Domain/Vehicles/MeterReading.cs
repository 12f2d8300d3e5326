using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Vehicles;

/// <summary>One reading of a vehicle's odometer or hour meter.</summary>
public sealed class MeterReading : AggregateRoot, IMultiTenant
{
    private MeterReading()
        : base(Guid.Empty)
    {
    }

    public MeterReading(Guid id, Guid vehicleId, DateOnly date, double value, MeterReadingSource source, bool isReset, Guid? sourceRecordId = null)
        : base(id)
    {
        VehicleId = vehicleId;
        Date = date;
        Value = value;
        Source = source;
        IsReset = isReset;
        SourceRecordId = sourceRecordId;
    }

    public Guid? TenantId { get; private set; }

    public Guid VehicleId { get; private set; }

    public DateOnly Date { get; set; }

    public double Value { get; set; }

    public MeterReadingSource Source { get; private set; }

    /// <summary>Marks a meter replacement or reset: the value may be lower than the reading before it.</summary>
    public bool IsReset { get; set; }

    /// <summary>The fuel entry or service record this reading was taken from, if any.</summary>
    public Guid? SourceRecordId { get; private set; }
}
