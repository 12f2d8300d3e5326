namespace AutoTracker.Vehicles.Import;

/// <summary>Reads service records from the rows of each layout.</summary>
internal static class ServiceRecordRows
{
    public const string LabourLineDescription = "Labour";
    public const string PartsLineDescription = "Parts";
    public const string LoggedOdometerLabel = "Odometer as logged";

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
        var meter = context.Meter(cells, AutoTrackerLayout.ServiceMeter, required: false);
        var vendor = cells.Text(AutoTrackerLayout.Vendor, VehicleConsts.MaxVendorLength);
        var description = cells.Text(AutoTrackerLayout.Description, VehicleConsts.MaxDescriptionLength, required: true, multiLine: true);
        var status = cells.Enum(AutoTrackerLayout.ServiceStatus, ServiceRecordStatus.Done);
        cells.CheckRecordDate(AutoTrackerLayout.Date, date, AutoTrackerLayout.DateFormat, context.Today, status);
        var labourCost = cells.Money(AutoTrackerLayout.LabourCost, VehicleConsts.MaxMoney, 2);
        var partsCost = cells.Money(AutoTrackerLayout.PartsCost, VehicleConsts.MaxMoney, 2);
        var notes = cells.Text(AutoTrackerLayout.Notes, VehicleConsts.MaxNotesLength, multiLine: true);

        var lines = new List<ServiceLine>();
        if (labourCost is { } labour)
        {
            lines.Add(new ServiceLine(ServiceLineKind.Labour, LabourLineDescription, 1, labour));
        }

        if (partsCost is { } parts)
        {
            lines.Add(new ServiceLine(ServiceLineKind.Part, PartsLineDescription, 1, parts));
        }

        Add(cells, context, parsed, AutoTrackerLayout.ServiceMeter, AutoTrackerLayout.Notes, AutoTrackerLayout.PartsCost, date, meter, vendor, description, status, notes, lines);
    }

    private static void ReadLubeLogger(ImportCellReader cells, ImportParseContext context, ParsedImport parsed)
    {
        parsed.RecordCount++;
        var date = cells.Date(LubeLoggerLayout.Date, LubeLoggerLayout.DateFormat);
        cells.CheckRecordDate(LubeLoggerLayout.Date, date, LubeLoggerLayout.DateFormat, context.Today, ServiceRecordStatus.Done);
        var meter = context.Meter(cells, LubeLoggerLayout.ServiceOdometer, required: false);
        var description = cells.Text(LubeLoggerLayout.Description, VehicleConsts.MaxDescriptionLength, required: true, multiLine: true);
        var cost = cells.Money(LubeLoggerLayout.Cost, VehicleConsts.MaxMoney, 2);

        // LubeLogger keeps service, repair and upgrade records apart and exports that kind as a tag, so the tag
        // goes into the notes, where it stays searchable, and the description stays the work done.
        var notes = ImportNotes.Combine(
            cells,
            LubeLoggerLayout.Notes,
            cells.Text(LubeLoggerLayout.Notes, VehicleConsts.MaxNotesLength, multiLine: true),
            ("Tags", cells.Text(LubeLoggerLayout.Tags, VehicleConsts.MaxNotesLength)));

        Add(cells, context, parsed, LubeLoggerLayout.ServiceOdometer, LubeLoggerLayout.Notes, LubeLoggerLayout.Cost, date, meter, vendor: null, description, ServiceRecordStatus.Done, notes, OtherLine(description, cost));
    }

    private static void ReadFuelly(ImportCellReader cells, ImportParseContext context, ParsedImport parsed)
    {
        var kind = FuellyRowType.Read(cells);
        if (kind == FuellyRowKind.Gas)
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
        cells.CheckRecordDate(FuellyLayout.Date, date, FuellyLayout.DateFormat, context.Today, ServiceRecordStatus.Done);
        FuellyRowType.CheckTime(cells);
        var meter = context.Meter(cells, FuellyLayout.Odometer, required: false);
        var cost = cells.Money(FuellyLayout.TotalCost, VehicleConsts.MaxMoney, 2);
        var description = cells.Text(FuellyLayout.Services, VehicleConsts.MaxDescriptionLength, required: true, multiLine: true);
        var notes = ImportNotes.Combine(
            cells,
            FuellyLayout.Notes,
            cells.Text(FuellyLayout.Notes, VehicleConsts.MaxNotesLength, multiLine: true),
            ("Location", cells.Text(FuellyLayout.Location, VehicleConsts.MaxNotesLength)),
            ("Tags", cells.Text(FuellyLayout.Tags, VehicleConsts.MaxNotesLength)));

        Add(cells, context, parsed, FuellyLayout.Odometer, FuellyLayout.Notes, FuellyLayout.TotalCost, date, meter, vendor: null, description, ServiceRecordStatus.Done, notes, OtherLine(description, cost));
    }

    /// <summary>Returns one line of kind Other for the record's cost, or none when the file gives no cost.</summary>
    private static List<ServiceLine> OtherLine(string? description, decimal? cost)
    {
        if (cost is null || description is null)
        {
            return [];
        }

        // A line's description is a single line, while the record's may have several.
        var singleLine = description.ReplaceLineEndings(" ").Replace('\t', ' ');
        var lineDescription = singleLine.Length <= VehicleConsts.MaxLineDescriptionLength
            ? singleLine
            : string.Concat(singleLine.AsSpan(0, VehicleConsts.MaxLineDescriptionLength - 3), "...");
        return [new ServiceLine(ServiceLineKind.Other, lineDescription, 1, cost.Value)];
    }

    private static void Add(
        ImportCellReader cells,
        ImportParseContext context,
        ParsedImport parsed,
        ImportColumn meterColumn,
        ImportColumn notesColumn,
        ImportColumn costColumn,
        DateOnly? date,
        double? meter,
        string? vendor,
        string? description,
        ServiceRecordStatus status,
        string? notes,
        List<ServiceLine> lines)
    {
        if (context.Options.ServiceOdometersAsNotes && cells.Raw(meterColumn) is { } loggedMeter)
        {
            notes = ImportNotes.Combine(cells, notesColumn, notes, (LoggedOdometerLabel, $"{loggedMeter} {MeterConversion.Symbol(context.FileMeterUnit)}"));
            meter = null;
        }

        // Each cost cell is at most MaxMoney, so only AutoTracker's labour and parts lines together can exceed it.
        foreach (var error in ServiceRecord.CheckLines(lines))
        {
            cells.AddError(costColumn, error.Message);
        }

        if (cells.HasErrors || date is null || description is null)
        {
            return;
        }

        var record = new ServiceRecord(Guid.NewGuid(), context.VehicleId, description)
        {
            Date = date.Value,
            MeterValue = meter,
            Vendor = vendor,
            Status = status,
            Notes = notes,
        };
        record.ReplaceLines(lines);
        parsed.ServiceRecords.Add(new ParsedRecord<ServiceRecord>(cells.Row, record));
    }
}
