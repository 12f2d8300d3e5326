using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Vehicles;

/// <summary>Work done on (or planned for) a vehicle, with its labour and parts lines.</summary>
public sealed class ServiceRecord : AggregateRoot, IMultiTenant
{
    private readonly List<ServiceLine> _lines = [];

    private ServiceRecord()
        : base(Guid.Empty)
    {
        Description = string.Empty;
    }

    public ServiceRecord(Guid id, Guid vehicleId, string description)
        : base(id)
    {
        VehicleId = vehicleId;
        Description = description;
    }

    public Guid? TenantId { get; private set; }

    public Guid VehicleId { get; private set; }

    public DateOnly Date { get; set; }

    public double? MeterValue { get; set; }

    public string? Vendor { get; set; }

    public string Description { get; set; }

    public ServiceRecordStatus Status { get; set; }

    /// <summary>
    /// The meter value that the record adds to the vehicle's meter history. A planned service adds none,
    /// because its meter value is when the service is due, not a reading, and its date may be years ahead.
    /// </summary>
    public double? MeterReadingValue => Status == ServiceRecordStatus.Planned ? null : MeterValue;

    public string? Notes { get; set; }

    public IReadOnlyList<ServiceLine> Lines => _lines;

    /// <summary>Sum of the lines' amounts, kept in a column so lists and reports need not load the lines.</summary>
    public decimal TotalCost { get; private set; }

    public void ReplaceLines(IEnumerable<ServiceLine> lines)
    {
        _lines.Clear();
        _lines.AddRange(lines);
        TotalCost = _lines.Sum(l => l.Amount);
    }
}

/// <summary>One labour, part or other line of a service record.</summary>
public sealed class ServiceLine
{
    private ServiceLine()
    {
        Description = string.Empty;
    }

    public ServiceLine(ServiceLineKind kind, string description, decimal quantity, decimal unitCost)
    {
        Kind = kind;
        Description = description;
        Quantity = quantity;
        UnitCost = unitCost;
        Amount = Math.Round(quantity * unitCost, 2, MidpointRounding.AwayFromZero);
    }

    public int Id { get; private set; }

    public ServiceLineKind Kind { get; private set; }

    public string Description { get; private set; }

    public decimal Quantity { get; private set; }

    public decimal UnitCost { get; private set; }

    public decimal Amount { get; private set; }
}
