using AutoTracker.Domain;

namespace AutoTracker.Vehicles.Import;

/// <summary>Outcome of an import: how many records were saved, or the errors that stopped it.</summary>
public sealed record ImportOutcome(int ImportedCount, IReadOnlyList<ImportErrorDto> Errors, decimal TotalCost);

/// <summary>How to read a file's values beyond what its layout fixes.</summary>
public sealed record ImportOptions
{
    /// <summary>Unit of the file's odometer values; null means miles for LubeLogger and Fuelly files, and the vehicle's own unit for AutoTracker files.</summary>
    public MeterUnit? DistanceUnit { get; init; }

    /// <summary>
    /// Unit of the file's fuel quantities. Null means US gallons for LubeLogger and Fuelly files, or litres
    /// when a LubeLogger quantity header is liters. AutoTracker files then need their unit column.
    /// </summary>
    public FuelUnit? VolumeUnit { get; init; }

    /// <summary>
    /// Puts each service record's odometer value into its notes instead of making it a meter reading. For logs
    /// whose service odometers were written down loosely and contradict the fuel log of the same vehicle.
    /// </summary>
    public bool ServiceOdometersAsNotes { get; init; }
}

/// <summary>A file to import and where its records go.</summary>
public sealed record ImportRequest(ImportFormat Format, ImportRecordKind Kind, Guid? VehicleId, string Content, ImportOptions? Options = null);

/// <summary>Receives the number of records saved so far while an import writes them.</summary>
public delegate Task ImportProgressCallback(int processed, int total, CancellationToken cancellationToken);

/// <summary>
/// Imports fuel entries, service records or vehicles from a CSV file, all or nothing. Every cell is checked,
/// and the meter history and the VINs are checked against the stored data. Only a file without errors is
/// saved, in one transaction. Each fuel entry, and each service record that has an odometer value and is not
/// planned, also gets its meter reading.
/// </summary>
public sealed class VehicleImporter(
    IRepository<Vehicle> vehicles,
    IRepository<MeterReading> readings,
    IRepository<FuelEntry> fuelEntries,
    IRepository<ServiceRecord> serviceRecords,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    VehicleVinService vinService,
    TenantManagement.TenantLimitChecker limits,
    TimeProvider clock)
{
    /// <summary>Maximum number of data records in one file; the Jeep's four-year fuel log has 109.</summary>
    public const int MaxRecords = 10_000;

    /// <summary>Records written per save, and so how often progress is reported.</summary>
    public const int SaveBatchSize = 500;

    public Task<ImportOutcome> ImportAsync(ImportFormat format, ImportRecordKind kind, Guid? vehicleId, string content, CancellationToken cancellationToken) =>
        ImportAsync(new ImportRequest(format, kind, vehicleId, content), progress: null, cancellationToken);

    /// <summary>
    /// Parses and checks the file against the data as it is inside the transaction, then saves every record, or
    /// none when there is any error. Throws <see cref="EntityNotFoundException"/> when the vehicle is not the
    /// current tenant's. A caller that runs a vehicle import inside its own transaction must open the tenant's
    /// vehicle count section (<see cref="TenantManagement.TenantLimitChecker.LockVehicleCountAsync"/>) before that
    /// transaction begins.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(ImportRequest request, ImportProgressCallback? progress, CancellationToken cancellationToken)
    {
        await using var vehicleCount = request.Kind == ImportRecordKind.Vehicles ? await limits.LockVehicleCountAsync(cancellationToken) : null;
        return await unitOfWork.RunInTransactionAsync(
            async ct =>
            {
                var check = await CheckAsync(request, ct);
                if (check.Errors.Count > 0)
                {
                    return new ImportOutcome(0, check.Errors, check.TotalCost);
                }

                var imported = await SaveAsync(check, progress, ct);
                return new ImportOutcome(imported, [], check.TotalCost);
            },
            cancellationToken);
    }

    /// <summary>Parses the file and checks it against the stored data without saving anything.</summary>
    internal async Task<ImportCheck> CheckAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var parsed = new ParsedImport();
        var options = request.Options ?? new ImportOptions();
        if (request.Kind == ImportRecordKind.Vehicles && request.Format != ImportFormat.AutoTracker)
        {
            parsed.Errors.Add(0, string.Empty, $"{request.Format} files hold no vehicles; import vehicles from a file in the AutoTracker layout.");
            return new ImportCheck(parsed, null, []);
        }

        Vehicle? vehicle = null;
        if (request.Kind != ImportRecordKind.Vehicles)
        {
            if (request.VehicleId is not { } vehicleId)
            {
                parsed.Errors.Add(0, string.Empty, "Choose the vehicle that receives the imported records.");
                return new ImportCheck(parsed, null, []);
            }

            vehicle = await vehicles.GetAsync(vehicleId, cancellationToken);
        }

        var fileMeterUnit = options.DistanceUnit ?? (request.Format == ImportFormat.AutoTracker && vehicle is not null ? vehicle.MeterUnit : MeterUnit.Miles);
        if (vehicle is not null && !MeterConversion.CanConvert(fileMeterUnit, vehicle.MeterUnit))
        {
            parsed.Errors.Add(0, string.Empty, $"The file's meter values are in {fileMeterUnit} but the vehicle's meter counts {vehicle.MeterUnit}, and hours do not convert to or from distance. Choose the unit of the file's meter values when uploading it.");
            return new ImportCheck(parsed, vehicle, []);
        }

        var context = new ImportParseContext(vehicle, fileMeterUnit, options.VolumeUnit, options, RecordDateRange.Today(clock));
        ParseRecords(request, context, parsed, cancellationToken);

        var stored = new List<StoredReading>();
        if (vehicle is not null)
        {
            stored = await executor.ToListAsync(
                readings.Query().Where(r => r.VehicleId == vehicle.Id).Select(r => new StoredReading(r.Date, r.Value, r.IsReset)),
                cancellationToken);
            MeterHistoryCheck.Check(stored, IncomingReadings(parsed), vehicle.MeterUnit, parsed.MeterColumn, parsed.Errors);
        }
        else
        {
            await CheckVinsAreFreeAsync(parsed, cancellationToken);
        }

        return new ImportCheck(parsed, vehicle, stored);
    }

    private void ParseRecords(ImportRequest request, ImportParseContext context, ParsedImport parsed, CancellationToken cancellationToken)
    {
        var content = request.Content.StartsWith('\uFEFF') ? request.Content[1..] : request.Content;
        var file = ImportCsvReader.Read(content, MaxRecords, cancellationToken);
        if (file.Error is not null)
        {
            parsed.Errors.Add(file.Error);
        }

        if (file.Header is null)
        {
            return;
        }

        var layout = LayoutFor(request.Format, request.Kind);
        var headerErrors = parsed.Errors.Count;
        var map = layout.ByPosition ? ColumnMap.ForPositions(layout) : ColumnMap.ForHeader(file.Header, layout, parsed.Errors);
        if (request.Format == ImportFormat.AutoTracker && request.Kind == ImportRecordKind.FuelEntries
            && !map.Has(AutoTrackerLayout.Unit) && context.VolumeUnit is null)
        {
            parsed.Errors.Add(file.Header.Number, AutoTrackerLayout.Unit.Name, "The required column 'unit' is missing; add it, or choose the file's volume unit when uploading it.");
        }

        if (parsed.Errors.Count > headerErrors)
        {
            // Without the right columns every row would repeat the header's errors.
            return;
        }

        parsed.MeterColumn = map.NameOf(MeterColumnOf(request.Format, request.Kind));
        foreach (var record in file.Records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cells = new ImportCellReader(record, map, parsed.Errors);
            cells.RejectExtraFields();
            switch (request.Kind)
            {
                case ImportRecordKind.FuelEntries:
                    FuelEntryRows.Read(request.Format, cells, context, parsed);
                    break;
                case ImportRecordKind.ServiceRecords:
                    ServiceRecordRows.Read(request.Format, cells, context, parsed);
                    break;
                default:
                    VehicleRows.Read(cells, vinService, parsed);
                    break;
            }
        }
    }

    private static ImportLayout LayoutFor(ImportFormat format, ImportRecordKind kind) => (format, kind) switch
    {
        (ImportFormat.AutoTracker, ImportRecordKind.Vehicles) => AutoTrackerLayout.Vehicles,
        (ImportFormat.AutoTracker, ImportRecordKind.FuelEntries) => AutoTrackerLayout.FuelEntries,
        (ImportFormat.AutoTracker, _) => AutoTrackerLayout.ServiceRecords,
        (ImportFormat.LubeLogger, ImportRecordKind.FuelEntries) => LubeLoggerLayout.Fuel,
        (ImportFormat.LubeLogger, _) => LubeLoggerLayout.Maintenance,
        _ => FuellyLayout.Layout,
    };

    private static ImportColumn MeterColumnOf(ImportFormat format, ImportRecordKind kind) => (format, kind) switch
    {
        (ImportFormat.AutoTracker, ImportRecordKind.FuelEntries) => AutoTrackerLayout.Meter,
        (ImportFormat.AutoTracker, _) => AutoTrackerLayout.ServiceMeter,
        (ImportFormat.LubeLogger, ImportRecordKind.FuelEntries) => LubeLoggerLayout.Odometer,
        (ImportFormat.LubeLogger, _) => LubeLoggerLayout.ServiceOdometer,
        _ => FuellyLayout.Odometer,
    };

    private static List<IncomingReading> IncomingReadings(ParsedImport parsed) =>
        parsed.FuelEntries.Select(f => new IncomingReading(f.Row, f.Value.Date, f.Value.MeterValue))
            .Concat(parsed.ServiceRecords
                .Where(s => s.Value.MeterReadingValue.HasValue)
                .Select(s => new IncomingReading(s.Row, s.Value.Date, s.Value.MeterReadingValue!.Value)))
            .ToList();

    /// <summary>Rejects every VIN of the file that another vehicle of the tenant already has, in one query.</summary>
    private async Task CheckVinsAreFreeAsync(ParsedImport parsed, CancellationToken cancellationToken)
    {
        if (parsed.VinRows.Count == 0)
        {
            return;
        }

        var fileVins = parsed.VinRows.Keys.ToList();
        var takenVins = await executor.ToListAsync(
            vehicles.Query().Where(v => v.Vin != null && fileVins.Contains(v.Vin)).Select(v => v.Vin!),
            cancellationToken);
        foreach (var vin in takenVins)
        {
            parsed.Errors.Add(parsed.VinRows[vin], AutoTrackerLayout.Vin.Name, $"Another vehicle already has the VIN {vin}.");
        }
    }

    private async Task<int> SaveAsync(ImportCheck check, ImportProgressCallback? progress, CancellationToken cancellationToken)
    {
        var parsed = check.Parsed;
        if (check.Vehicle is not { } vehicle)
        {
            await limits.EnsureVehiclesAllowedAsync(parsed.Vehicles.Count, cancellationToken);
            return await SaveInBatchesAsync(parsed.Vehicles, v => vehicles.Insert(v.Value), progress, cancellationToken);
        }

        var added = new List<MeterReading>();
        int saved;
        if (parsed.FuelEntries.Count > 0)
        {
            saved = await SaveInBatchesAsync(
                parsed.FuelEntries,
                f =>
                {
                    fuelEntries.Insert(f.Value);
                    added.Add(InsertReading(vehicle, f.Value.Date, f.Value.MeterValue, MeterReadingSource.FuelEntry, f.Value.Id));
                },
                progress,
                cancellationToken);
        }
        else
        {
            saved = await SaveInBatchesAsync(
                parsed.ServiceRecords,
                s =>
                {
                    serviceRecords.Insert(s.Value);
                    if (s.Value.MeterReadingValue is { } meter)
                    {
                        added.Add(InsertReading(vehicle, s.Value.Date, meter, MeterReadingSource.ServiceRecord, s.Value.Id));
                    }
                },
                progress,
                cancellationToken);
        }

        RefreshCurrentMeter(vehicle, check.StoredReadings, added);
        return saved;
    }

    private MeterReading InsertReading(Vehicle vehicle, DateOnly date, double value, MeterReadingSource source, Guid sourceRecordId)
    {
        var reading = new MeterReading(Guid.NewGuid(), vehicle.Id, date, value, source, isReset: false, sourceRecordId);
        readings.Insert(reading);
        return reading;
    }

    private async Task<int> SaveInBatchesAsync<T>(IReadOnlyList<T> items, Action<T> insert, ImportProgressCallback? progress, CancellationToken cancellationToken)
    {
        var processed = 0;
        foreach (var batch in items.Chunk(SaveBatchSize))
        {
            foreach (var item in batch)
            {
                insert(item);
            }

            await unitOfWork.SaveChangesAsync(cancellationToken);
            processed += batch.Length;
            if (progress is not null)
            {
                await progress(processed, items.Count, cancellationToken);
            }
        }

        return processed;
    }

    /// <summary>Sets the vehicle's current meter to its latest reading, by date and then value, as <see cref="MeterReadingManager"/> does.</summary>
    private static void RefreshCurrentMeter(Vehicle vehicle, IReadOnlyList<StoredReading> stored, IReadOnlyList<MeterReading> added)
    {
        if (added.Count == 0)
        {
            return;
        }

        var latest = stored.Select(r => (r.Date, r.Value))
            .Concat(added.Select(r => (r.Date, r.Value)))
            .OrderByDescending(r => r.Date)
            .ThenByDescending(r => r.Value)
            .First();
        vehicle.SetCurrentMeter(latest.Value);
    }
}
