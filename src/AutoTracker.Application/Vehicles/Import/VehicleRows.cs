using AutoTracker.Domain;
using AutoTracker.Vehicles.Vins;

namespace AutoTracker.Vehicles.Import;

/// <summary>Reads vehicles from the rows of the AutoTracker vehicle layout, with the VIN and model year rules of the vehicle form.</summary>
internal static class VehicleRows
{
    private const int MaxModelYearInput = 2100;

    public static void Read(ImportCellReader cells, VehicleVinService vinService, ParsedImport parsed)
    {
        parsed.RecordCount++;
        var vin = ReadVin(cells, vinService, parsed);

        var make = cells.Text(AutoTrackerLayout.Make, VehicleConsts.MaxMakeLength) ?? vin?.Make;
        // An invalid VIN already has its error, and the make may come from the corrected VIN.
        var vinRejected = vin is null && cells.Raw(AutoTrackerLayout.Vin) is not null;
        if (make is null && cells.Raw(AutoTrackerLayout.Make) is null && !vinRejected)
        {
            cells.AddError(AutoTrackerLayout.Make, "The make is missing, and the VIN does not identify the manufacturer; enter the make.");
        }

        var model = cells.Text(AutoTrackerLayout.Model, VehicleConsts.MaxModelLength, required: true);
        var modelYear = ReadModelYear(cells, vinService, vin);
        var trim = cells.Text(AutoTrackerLayout.Trim, VehicleConsts.MaxTrimLength);
        var color = cells.Text(AutoTrackerLayout.Color, VehicleConsts.MaxColorLength);
        var plate = cells.Text(AutoTrackerLayout.Plate, VehicleConsts.MaxPlateLength)?.ToUpperInvariant();
        var unitNumber = cells.Text(AutoTrackerLayout.UnitNumber, VehicleConsts.MaxUnitNumberLength);
        var kind = cells.Enum(AutoTrackerLayout.Kind, VehicleKind.Fleet);
        var status = cells.Enum(AutoTrackerLayout.Status, VehicleStatus.Active);
        if (cells.Raw(AutoTrackerLayout.MeterUnit) is null)
        {
            cells.AddError(AutoTrackerLayout.MeterUnit, $"The meter unit is missing; write one of {string.Join(", ", Enum.GetNames<MeterUnit>())}.");
        }

        var meterUnit = cells.Enum(AutoTrackerLayout.MeterUnit, MeterUnit.Kilometers);
        var notes = cells.Text(AutoTrackerLayout.Notes, VehicleConsts.MaxNotesLength, multiLine: true);

        if (cells.HasErrors || make is null || model is null)
        {
            return;
        }

        var vehicle = new Vehicle(Guid.NewGuid(), make, model, meterUnit, kind)
        {
            ModelYear = modelYear,
            Trim = trim,
            Color = color,
            Plate = plate,
            UnitNumber = unitNumber,
            Status = status,
            Notes = notes,
        };
        vehicle.SetVin(vin?.Normalized, VehicleMapper.ToCheckState(vin), vin?.Manufacturer, VehicleMapper.DescribeRegion(vin?.Region));
        parsed.Vehicles.Add(new ParsedRecord<Vehicle>(cells.Row, vehicle));
    }

    /// <summary>Decodes the VIN as the vehicle form does and rejects one that an earlier row already has.</summary>
    private static VinDecoding? ReadVin(ImportCellReader cells, VehicleVinService vinService, ParsedImport parsed)
    {
        var text = cells.Text(AutoTrackerLayout.Vin, VehicleConsts.MaxVinInputLength);
        if (text is null)
        {
            return null;
        }

        var decoded = vinService.Decode(text);
        if (!decoded.IsAcceptable)
        {
            cells.AddError(AutoTrackerLayout.Vin, VehicleMapper.DescribeProblem(decoded));
            return null;
        }

        if (parsed.VinRows.TryGetValue(decoded.Normalized, out var firstRow))
        {
            cells.AddError(AutoTrackerLayout.Vin, $"The VIN {decoded.Normalized} is also in row {firstRow}; a file may list each vehicle once.");
            return decoded;
        }

        parsed.VinRows[decoded.Normalized] = cells.Row;
        return decoded;
    }

    private static int? ReadModelYear(ImportCellReader cells, VehicleVinService vinService, VinDecoding? vin)
    {
        var errorsBefore = cells.ErrorCount;
        var entered = cells.Integer(AutoTrackerLayout.ModelYear, VehicleConsts.MinModelYear, MaxModelYearInput);
        if (cells.ErrorCount > errorsBefore)
        {
            return null;
        }

        // The form's rule, reused as it is: it reports a broken rule by throwing.
        try
        {
            return vinService.ResolveModelYear(entered, vin);
        }
        catch (InputValidationException ex)
        {
            cells.AddError(AutoTrackerLayout.ModelYear, ex.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? ex.Message);
        }
        catch (BusinessException ex)
        {
            cells.AddError(AutoTrackerLayout.ModelYear, ex.Message);
        }

        return null;
    }
}
