using AutoTracker.Vehicles.Vins;

namespace AutoTracker.Vehicles;

internal static class VehicleMapper
{
    public static VehicleDto ToDto(Vehicle v) => new()
    {
        Id = v.Id,
        Vin = v.Vin,
        VinCheck = v.VinCheck,
        VinManufacturer = v.VinManufacturer,
        VinRegion = v.VinRegion,
        Make = v.Make,
        Model = v.Model,
        ModelYear = v.ModelYear,
        Trim = v.Trim,
        Color = v.Color,
        Plate = v.Plate,
        UnitNumber = v.UnitNumber,
        Kind = v.Kind,
        Status = v.Status,
        MeterUnit = v.MeterUnit,
        CurrentMeter = v.CurrentMeter,
        Notes = v.Notes,
        OrganizationUnitId = v.OrganizationUnitId,
        CreationTime = v.CreationTime,
        ConcurrencyStamp = v.ConcurrencyStamp,
    };

    public static MeterReadingDto ToDto(MeterReading r) => new()
    {
        Id = r.Id,
        VehicleId = r.VehicleId,
        Date = r.Date,
        Value = r.Value,
        Source = r.Source,
        IsReset = r.IsReset,
        ConcurrencyStamp = r.ConcurrencyStamp,
    };

    public static FuelEntryDto ToDto(FuelEntry f) => new()
    {
        Id = f.Id,
        VehicleId = f.VehicleId,
        Date = f.Date,
        MeterValue = f.MeterValue,
        Quantity = f.Quantity,
        Unit = f.Unit,
        PricePerUnit = f.PricePerUnit,
        TotalCost = f.TotalCost,
        FuelType = f.FuelType,
        IsFullTank = f.IsFullTank,
        IsMissedFillUp = f.IsMissedFillUp,
        Vendor = f.Vendor,
        Notes = f.Notes,
        ConcurrencyStamp = f.ConcurrencyStamp,
    };

    public static ServiceRecordDto ToDto(ServiceRecord s) => new()
    {
        Id = s.Id,
        VehicleId = s.VehicleId,
        Date = s.Date,
        MeterValue = s.MeterValue,
        Vendor = s.Vendor,
        Description = s.Description,
        Status = s.Status,
        Notes = s.Notes,
        Lines = s.Lines.Select(l => new ServiceLineDto
        {
            Kind = l.Kind,
            Description = l.Description,
            Quantity = l.Quantity,
            UnitCost = l.UnitCost,
            Amount = l.Amount,
        }).ToList(),
        TotalCost = s.TotalCost,
        ConcurrencyStamp = s.ConcurrencyStamp,
    };

    public static VinDecodingDto ToDto(VinDecoding d) => new(
        d.Normalized,
        d.IsAcceptable,
        d.IsAcceptable ? null : DescribeProblem(d),
        ToCheckState(d),
        d.CheckDigitRequired,
        d.ModelYear,
        d.Manufacturer,
        d.Country,
        DescribeRegion(d.Region),
        d.Make);

    public static string? DescribeRegion(VinRegion? region) => region switch
    {
        VinRegion.Africa => "Africa",
        VinRegion.Asia => "Asia",
        VinRegion.Europe => "Europe",
        VinRegion.NorthAmerica => "North America",
        VinRegion.Oceania => "Oceania",
        VinRegion.SouthAmerica => "South America",
        _ => null,
    };

    public static VinCheckState ToCheckState(VinDecoding? d) => d?.CheckDigit switch
    {
        VinCheckDigitState.Passed => VinCheckState.Passed,
        VinCheckDigitState.Failed => VinCheckState.Failed,
        _ => VinCheckState.NotChecked,
    };

    public static string DescribeProblem(VinDecoding d) => d.Problem switch
    {
        VinProblem.Missing => "The VIN is missing.",
        VinProblem.InvalidLength => $"A VIN has exactly 17 characters; '{d.Normalized}' has {d.Normalized.Length}.",
        VinProblem.InvalidCharacterIoq => "A VIN never contains the letters I, O or Q; check for the digits 1 and 0.",
        VinProblem.InvalidCharacter => "A VIN contains only the digits 0-9 and the letters A-Z except I, O and Q.",
        VinProblem.InvalidCheckDigit =>
            $"The check digit (position 9) is {d.CheckDigitActual} but the other characters give {d.CheckDigitComputed}; the VIN is probably mistyped.",
        VinProblem.InvalidModelYearCode => $"Position 10 ('{d.Normalized[9]}') is not a model year code.",
        _ => "The VIN is invalid.",
    };
}
