using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Vehicles;

/// <summary>A fill-up or charge: how much went in, at what meter value and what it cost.</summary>
public sealed class FuelEntry : AggregateRoot, IMultiTenant
{
    private FuelEntry()
        : base(Guid.Empty)
    {
    }

    public FuelEntry(Guid id, Guid vehicleId)
        : base(id)
    {
        VehicleId = vehicleId;
    }

    public Guid? TenantId { get; private set; }

    public Guid VehicleId { get; private set; }

    public DateOnly Date { get; set; }

    public double MeterValue { get; set; }

    public double Quantity { get; set; }

    public FuelUnit Unit { get; set; }

    public decimal PricePerUnit { get; set; }

    public decimal TotalCost { get; set; }

    public FuelType FuelType { get; set; }

    /// <summary>The tank was filled (or the battery charged) to full, so economy can be measured up to here.</summary>
    public bool IsFullTank { get; set; }

    /// <summary>At least one fill-up before this one was not recorded, so the interval ending here is unknown.</summary>
    public bool IsMissedFillUp { get; set; }

    public string? Vendor { get; set; }

    public string? Notes { get; set; }

    /// <summary>
    /// Sets quantity, price and total together. When the price is not given it is derived from the total,
    /// and when the total is not given it is derived from the price, rounded to cents.
    /// </summary>
    public void SetAmounts(double quantity, FuelUnit unit, decimal? pricePerUnit, decimal? totalCost)
    {
        if (pricePerUnit is null && totalCost is null)
        {
            throw new BusinessException("AutoTracker:Vehicles:FuelCostMissing", "Enter the price per unit or the total cost.", nameof(TotalCost));
        }

        Quantity = quantity;
        Unit = unit;
        TotalCost = totalCost ?? Math.Round(pricePerUnit!.Value * (decimal)quantity, 2, MidpointRounding.AwayFromZero);
        PricePerUnit = pricePerUnit ?? Math.Round(totalCost!.Value / (decimal)quantity, 3, MidpointRounding.AwayFromZero);
    }
}
