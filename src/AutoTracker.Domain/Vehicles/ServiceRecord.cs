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

    /// <summary>The lines in the order they were entered; databases return the rows in no particular order.</summary>
    public IReadOnlyList<ServiceLine> Lines => _lines.OrderBy(l => l.Position).ThenBy(l => l.Id).ToList();

    /// <summary>Sum of the lines' amounts, kept in a column so lists and reports need not load the lines.</summary>
    public decimal TotalCost { get; private set; }

    /// <summary>Replaces the lines and sums their amounts. Throws <see cref="InputValidationException"/> when <see cref="CheckLines"/> finds problems.</summary>
    public void ReplaceLines(IEnumerable<ServiceLine> lines)
    {
        var list = lines.ToList();
        var errors = CheckLines(list);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors.ToDictionary(e => e.Field, e => new[] { e.Message }));
        }

        for (var i = 0; i < list.Count; i++)
        {
            list[i].Position = i;
        }

        _lines.Clear();
        _lines.AddRange(list);
        TotalCost = _lines.Sum(l => l.Amount);
    }

    /// <summary>
    /// Returns an error for each line whose amount is above <see cref="VehicleConsts.MaxMoney"/>, named by its
    /// unit cost (<c>Lines[0].UnitCost</c>). When no line is above it but the total is, returns one error on <c>Lines</c>.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckLines(IReadOnlyList<ServiceLine> lines)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Amount > VehicleConsts.MaxMoney)
            {
                errors.Add(new FieldError(
                    $"{nameof(Lines)}[{i}].{nameof(ServiceLine.UnitCost)}",
                    FormattableString.Invariant($"The line amount {line.Amount:0.00} (quantity {line.Quantity} × unit cost {line.UnitCost}) is more than the maximum of {VehicleConsts.MaxMoney}.")));
            }
        }

        var total = lines.Sum(l => l.Amount);
        if (errors.Count == 0 && total > VehicleConsts.MaxMoney)
        {
            errors.Add(new FieldError(
                nameof(Lines),
                FormattableString.Invariant($"The lines add up to {total:0.00}, more than the maximum total of {VehicleConsts.MaxMoney}; split the work into several service records.")));
        }

        return errors;
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

    /// <summary>Zero-based place of the line within its record.</summary>
    public int Position { get; internal set; }

    public ServiceLineKind Kind { get; private set; }

    public string Description { get; private set; }

    public decimal Quantity { get; private set; }

    public decimal UnitCost { get; private set; }

    public decimal Amount { get; private set; }
}
