namespace AutoTracker.Vehicles.Import;

/// <summary>Reads fuel entries from the rows of each layout.</summary>
internal static class FuelEntryRows
{
    // The limit of CreateFuelEntryDto, so an imported entry could also have been typed into the form.
    private const double MinQuantity = 0.001;

    public static void Read(ImportFormat format, ImportCellReader cells, ImportParseContext context, ParsedImport parsed)
    {
        switch (format)
        {
            case ImportFormat.AutoTracker:
                ReadAutoTracker(cells, context, parsed);
                break;
            case ImportFormat.LubeLogger:
                ReadLubeLogger(cells, context, parsed);
                break;
            case ImportFormat.Fuelly:
                ReadFuelly(cells, context, parsed);
                break;
        }
    }

    private static void ReadAutoTracker(ImportCellReader cells, ImportParseContext context, ParsedImport parsed)
    {
        parsed.RecordCount++;
        var date = cells.Date(AutoTrackerLayout.Date, AutoTrackerLayout.DateFormat);
        cells.CheckRecordDate(AutoTrackerLayout.Date, date, AutoTrackerLayout.DateFormat, context.Today);
        var meter = context.Meter(cells, AutoTrackerLayout.Meter, required: true);
        var quantity = cells.Number(AutoTrackerLayout.Quantity, MinQuantity, VehicleConsts.MaxFuelQuantity, required: true);

        if (cells.Raw(AutoTrackerLayout.Unit) is null && context.VolumeUnit is null)
        {
            cells.AddError(AutoTrackerLayout.Unit, $"The unit is missing; write one of {string.Join(", ", Enum.GetNames<FuelUnit>())}, or choose the file's volume unit when uploading it.");
        }

        var unit = cells.Enum(AutoTrackerLayout.Unit, context.VolumeUnit ?? FuelUnit.Liters);
        var price = cells.Money(AutoTrackerLayout.PricePerUnit, VehicleConsts.MaxFuelPricePerUnit, 3);
        var total = cells.Money(AutoTrackerLayout.TotalCost, VehicleConsts.MaxMoney, 2);
        var fuelType = cells.Enum(AutoTrackerLayout.FuelType, unit == FuelUnit.KilowattHours ? FuelType.Electricity : FuelType.Petrol);
        var isFullTank = cells.Boolean(AutoTrackerLayout.FullTank, whenBlank: true);
        var isMissedFillUp = cells.Boolean(AutoTrackerLayout.MissedFillUp, whenBlank: false);
        var vendor = cells.Text(AutoTrackerLayout.Vendor, VehicleConsts.MaxVendorLength);
        var notes = cells.Text(AutoTrackerLayout.Notes, VehicleConsts.MaxNotesLength, multiLine: true);

        CheckUnitFitsFuel(cells, AutoTrackerLayout.Unit, unit, fuelType);
        var costColumn = cells.Has(AutoTrackerLayout.TotalCost) ? AutoTrackerLayout.TotalCost : AutoTrackerLayout.PricePerUnit;
        CheckCostGiven(cells, costColumn, AutoTrackerLayout.PricePerUnit, AutoTrackerLayout.TotalCost);
        var amounts = new CostCells(AutoTrackerLayout.PricePerUnit, price, AutoTrackerLayout.TotalCost, total);
        Add(cells, context, parsed, date, meter, quantity, unit, amounts, fuelType, isFullTank, isMissedFillUp, vendor, notes);
    }

    private static void ReadLubeLogger(ImportCellReader cells, ImportParseContext context, ParsedImport parsed)
    {
        parsed.RecordCount++;
        var date = cells.Date(LubeLoggerLayout.Date, LubeLoggerLayout.DateFormat);
        cells.CheckRecordDate(LubeLoggerLayout.Date, date, LubeLoggerLayout.DateFormat, context.Today);
        var meter = context.Meter(cells, LubeLoggerLayout.Odometer, required: true);
        var quantity = cells.Number(LubeLoggerLayout.FuelConsumed, MinQuantity, VehicleConsts.MaxFuelQuantity, required: true);
        var unit = context.VolumeUnit ?? LubeLoggerLayout.UnitNamedBy(cells.ColumnName(LubeLoggerLayout.FuelConsumed)) ?? FuelUnit.UsGallons;
        var total = cells.Money(LubeLoggerLayout.Cost, VehicleConsts.MaxMoney, 2);
        var price = cells.Money(LubeLoggerLayout.Price, VehicleConsts.MaxFuelPricePerUnit, 3);

        var isFillToFull = cells.Boolean(LubeLoggerLayout.IsFillToFull, whenBlank: true);
        var isPartial = cells.Boolean(LubeLoggerLayout.PartialFuelUp, whenBlank: false);
        if (isPartial && isFillToFull && cells.Raw(LubeLoggerLayout.IsFillToFull) is not null)
        {
            cells.AddError(LubeLoggerLayout.PartialFuelUp, $"The fill-up is marked both partial and full ({cells.ColumnName(LubeLoggerLayout.IsFillToFull)} is true); set only one of them.");
        }

        var isMissedFillUp = cells.Boolean(LubeLoggerLayout.MissedFuelUp, whenBlank: false);
        var notes = ImportNotes.Combine(
            cells,
            LubeLoggerLayout.Notes,
            cells.Text(LubeLoggerLayout.Notes, VehicleConsts.MaxNotesLength, multiLine: true),
            ("Tags", cells.Text(LubeLoggerLayout.Tags, VehicleConsts.MaxNotesLength)));

        var costColumn = cells.Has(LubeLoggerLayout.Cost) ? LubeLoggerLayout.Cost : LubeLoggerLayout.Price;
        CheckCostGiven(cells, costColumn, LubeLoggerLayout.Price, LubeLoggerLayout.Cost);
        var fuelType = unit == FuelUnit.KilowattHours ? FuelType.Electricity : FuelType.Petrol;
        var amounts = new CostCells(LubeLoggerLayout.Price, price, LubeLoggerLayout.Cost, total);
        Add(cells, context, parsed, date, meter, quantity, unit, amounts, fuelType, isFillToFull && !isPartial, isMissedFillUp, vendor: null, notes);
    }

    private static void ReadFuelly(ImportCellReader cells, ImportParseContext context, ParsedImport parsed)
    {
        var kind = FuellyRowType.Read(cells);
        if (kind == FuellyRowKind.Service)
        {
            parsed.SkippedCount++;
            return;
        }

        parsed.RecordCount++;
        if (kind == FuellyRowKind.Invalid)
        {
            return;
        }

        var date = cells.Date(FuellyLayout.Date, FuellyLayout.DateFormat);
        cells.CheckRecordDate(FuellyLayout.Date, date, FuellyLayout.DateFormat, context.Today);
        FuellyRowType.CheckTime(cells);
        var meter = context.Meter(cells, FuellyLayout.Odometer, required: true);
        var isFullTank = string.Equals(cells.Raw(FuellyLayout.FilledUp), FuellyLayout.FullTankMark, StringComparison.OrdinalIgnoreCase);
        var price = cells.Money(FuellyLayout.CostPerGallon, VehicleConsts.MaxFuelPricePerUnit, 3);
        var quantity = cells.Number(FuellyLayout.Gallons, MinQuantity, VehicleConsts.MaxFuelQuantity, required: true);
        var total = cells.Money(FuellyLayout.TotalCost, VehicleConsts.MaxMoney, 2);
        var vendor = cells.Text(FuellyLayout.GasBrand, VehicleConsts.MaxVendorLength);
        var notes = ImportNotes.Combine(
            cells,
            FuellyLayout.Notes,
            cells.Text(FuellyLayout.Notes, VehicleConsts.MaxNotesLength, multiLine: true),
            ("Location", cells.Text(FuellyLayout.Location, VehicleConsts.MaxNotesLength)),
            ("Tags", cells.Text(FuellyLayout.Tags, VehicleConsts.MaxNotesLength)));

        CheckCostGiven(cells, FuellyLayout.TotalCost, FuellyLayout.CostPerGallon, FuellyLayout.TotalCost);
        var unit = context.VolumeUnit ?? FuelUnit.UsGallons;
        var fuelType = unit == FuelUnit.KilowattHours ? FuelType.Electricity : FuelType.Petrol;
        var amounts = new CostCells(FuellyLayout.CostPerGallon, price, FuellyLayout.TotalCost, total);
        Add(cells, context, parsed, date, meter, quantity, unit, amounts, fuelType, isFullTank, isMissedFillUp: false, vendor, notes);
    }

    /// <summary>Adds an error when both the price and the total are blank; a cell that failed to parse already has one.</summary>
    private static void CheckCostGiven(ImportCellReader cells, ImportColumn errorColumn, ImportColumn priceColumn, ImportColumn totalColumn)
    {
        if (cells.Raw(priceColumn) is null && cells.Raw(totalColumn) is null)
        {
            cells.AddError(errorColumn, $"The cost is missing; enter the {cells.ColumnName(priceColumn)} or the {cells.ColumnName(totalColumn)}.");
        }
    }

    private static void CheckUnitFitsFuel(ImportCellReader cells, ImportColumn unitColumn, FuelUnit unit, FuelType fuelType)
    {
        var electric = fuelType == FuelType.Electricity;
        if (electric == (unit == FuelUnit.KilowattHours))
        {
            return;
        }

        cells.AddError(unitColumn, electric
            ? $"Electricity is measured in {nameof(FuelUnit.KilowattHours)}, not {unit}."
            : $"{fuelType} is measured in {nameof(FuelUnit.Liters)} or {nameof(FuelUnit.UsGallons)}, not {nameof(FuelUnit.KilowattHours)}.");
    }

    private static void Add(
        ImportCellReader cells,
        ImportParseContext context,
        ParsedImport parsed,
        DateOnly? date,
        double? meter,
        double? quantity,
        FuelUnit unit,
        CostCells amounts,
        FuelType fuelType,
        bool isFullTank,
        bool isMissedFillUp,
        string? vendor,
        string? notes)
    {
        if (quantity is { } checkedQuantity && FuelEntry.CheckAmounts(checkedQuantity, amounts.Price, amounts.Total) is { } error)
        {
            cells.AddError(error.Field == nameof(FuelEntry.PricePerUnit) ? amounts.PriceColumn : amounts.TotalColumn, error.Message);
        }

        if (cells.HasErrors || date is null || meter is null || quantity is null || (amounts.Price is null && amounts.Total is null))
        {
            return;
        }

        var entry = new FuelEntry(Guid.NewGuid(), context.VehicleId)
        {
            Date = date.Value,
            MeterValue = meter.Value,
            FuelType = fuelType,
            IsFullTank = isFullTank,
            IsMissedFillUp = isMissedFillUp,
            Vendor = vendor,
            Notes = notes,
        };
        entry.SetAmounts(quantity.Value, unit, amounts.Price, amounts.Total);
        parsed.FuelEntries.Add(new ParsedRecord<FuelEntry>(cells.Row, entry));
    }

    /// <summary>The price and total cells of a row, with the columns that errors about them are reported on.</summary>
    private sealed record CostCells(ImportColumn PriceColumn, decimal? Price, ImportColumn TotalColumn, decimal? Total);
}
