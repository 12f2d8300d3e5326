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
    /// and when the total is not given it is derived from the price, rounded to cents. Throws
    /// <see cref="BusinessException"/> when neither is given, and <see cref="InputValidationException"/> when
    /// <see cref="CheckAmounts"/> finds a problem.
    /// </summary>
    public void SetAmounts(double quantity, FuelUnit unit, decimal? pricePerUnit, decimal? totalCost)
    {
        if (pricePerUnit is null && totalCost is null)
        {
            throw new BusinessException("AutoTracker:Vehicles:FuelCostMissing", "Enter the price per unit or the total cost.", nameof(TotalCost));
        }

        if (CheckAmounts(quantity, pricePerUnit, totalCost) is { } error)
        {
            throw new InputValidationException(error.Field, error.Message);
        }

        Quantity = quantity;
        Unit = unit;
        TotalCost = totalCost ?? DeriveTotal(quantity, pricePerUnit!.Value);
        PricePerUnit = pricePerUnit ?? DerivePrice(quantity, totalCost!.Value);
    }

    /// <summary>
    /// Returns the problem of a fuel entry's amounts, naming <see cref="PricePerUnit"/> or <see cref="TotalCost"/>,
    /// or null when they fit. Given both, the total may differ from quantity × price by the larger of
    /// <see cref="VehicleConsts.FuelCostToleranceAmount"/> and <see cref="VehicleConsts.FuelCostTolerancePercent"/>
    /// percent. Given one, the derived other must stay within <see cref="VehicleConsts.MaxMoney"/> or
    /// <see cref="VehicleConsts.MaxFuelPricePerUnit"/>. Given neither, there is nothing to check.
    /// </summary>
    public static FieldError? CheckAmounts(double quantity, decimal? pricePerUnit, decimal? totalCost)
    {
        switch (pricePerUnit, totalCost)
        {
            case ({ } price, { } total):
                var expected = price * (decimal)quantity;
                var tolerance = Math.Max(VehicleConsts.FuelCostToleranceAmount, expected * VehicleConsts.FuelCostTolerancePercent / 100);
                if (Math.Abs(total - expected) > tolerance)
                {
                    return new FieldError(
                        nameof(TotalCost),
                        FormattableString.Invariant($"The total cost {total} does not match the quantity times the price per unit ({quantity} × {price} = {expected:0.00}); they may differ by at most {VehicleConsts.FuelCostToleranceAmount} or {VehicleConsts.FuelCostTolerancePercent}%, whichever is larger. Correct one of them, or leave the price per unit empty to derive it from the total."));
                }

                break;

            case ({ } price, null):
                var derivedTotal = DeriveTotal(quantity, price);
                if (derivedTotal > VehicleConsts.MaxMoney)
                {
                    return new FieldError(
                        nameof(PricePerUnit),
                        FormattableString.Invariant($"The quantity times the price per unit is {derivedTotal:0.00}, more than the maximum total cost of {VehicleConsts.MaxMoney}."));
                }

                break;

            case (null, { } total):
                var derivedPrice = DerivePrice(quantity, total);
                if (derivedPrice > VehicleConsts.MaxFuelPricePerUnit)
                {
                    return new FieldError(
                        nameof(TotalCost),
                        FormattableString.Invariant($"The total cost divided by the quantity gives a price per unit of {derivedPrice:0.000}, more than the maximum of {VehicleConsts.MaxFuelPricePerUnit}; check the quantity and the total cost."));
                }

                break;
        }

        return null;
    }

    private static decimal DeriveTotal(double quantity, decimal pricePerUnit) =>
        Math.Round(pricePerUnit * (decimal)quantity, 2, MidpointRounding.AwayFromZero);

    private static decimal DerivePrice(double quantity, decimal totalCost) =>
        Math.Round(totalCost / (decimal)quantity, 3, MidpointRounding.AwayFromZero);
}
