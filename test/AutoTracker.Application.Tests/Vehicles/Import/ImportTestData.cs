using System.Globalization;
using AutoTracker.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles.Import;

/// <summary>The import test files, copied to the test output folder, and helpers to change them.</summary>
internal static class ImportTestData
{
    public const string LubeLoggerFuel = "lubelogger_fuel_records.csv";
    public const string LubeLoggerMaintenance = "lubelogger_maintenance_records.csv";
    public const string Fuelly = "fuelly_export_hammond_layout.csv";

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vehicles", "Import", "Data", fileName));

    /// <summary>
    /// Replaces one field of the record on spreadsheet row <paramref name="row"/>. Only for files without quoted
    /// fields, where every line is one record.
    /// </summary>
    public static string ReplaceField(string content, int row, int fieldIndex, string value)
    {
        var lines = content.Split('\n');
        var fields = lines[row - 1].Split(',');
        fields[fieldIndex] = value;
        lines[row - 1] = string.Join(',', fields);
        return string.Join('\n', lines);
    }

    /// <summary>Sums one column of a file without quoted fields, read independently of the importer.</summary>
    public static decimal SumColumn(string content, int fieldIndex) =>
        content.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Sum(line => decimal.Parse(line.Split(',')[fieldIndex], CultureInfo.InvariantCulture));

    /// <summary>
    /// Builds an AutoTracker fuel file of <paramref name="count"/> daily fill-ups of 40 litres, 100 km apart. They
    /// start on 1990-01-01, so that even 10,001 of them end before the test clock's today.
    /// </summary>
    public static string AutoTrackerFuelFile(int count)
    {
        var lines = new List<string> { "date,meter,quantity,unit,total_cost" };
        var start = new DateOnly(1990, 1, 1);
        for (var i = 0; i < count; i++)
        {
            lines.Add(FormattableString.Invariant($"{start.AddDays(i):yyyy-MM-dd},{1000 + (i * 100)},40,Liters,60.00"));
        }

        return string.Join('\n', lines);
    }

    public static Task<Guid> CreateVehicleAsync(this ApplicationTestHost host, Guid tenantId, MeterUnit meterUnit = MeterUnit.Miles, string? vin = null) =>
        host.AsAdminAsync(tenantId, async sp =>
        {
            var vehicle = await sp.GetRequiredService<IVehicleAppService>().CreateAsync(
                new CreateUpdateVehicleDto { Vin = vin, Make = "Jeep", Model = "Cherokee", MeterUnit = meterUnit },
                CancellationToken.None);
            return vehicle.Id;
        });

    public static Task<ImportOutcome> ImportAsync(this ApplicationTestHost host, Guid tenantId, ImportRequest request, ImportProgressCallback? progress = null) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<VehicleImporter>().ImportAsync(request, progress, CancellationToken.None));

    /// <summary>Loads what the database holds for one vehicle, straight from the tables.</summary>
    public static Task<StoredVehicleData> LoadStoredAsync(this ApplicationTestHost host, Guid tenantId, Guid vehicleId) =>
        host.InTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            return new StoredVehicleData(
                await db.Vehicles.SingleAsync(v => v.Id == vehicleId),
                await db.FuelEntries.Where(f => f.VehicleId == vehicleId).OrderBy(f => f.Date).ThenBy(f => f.MeterValue).ToListAsync(),
                await db.ServiceRecords.Where(s => s.VehicleId == vehicleId).OrderBy(s => s.Date).ToListAsync(),
                await db.MeterReadings.Where(r => r.VehicleId == vehicleId).ToListAsync());
        });
}

internal sealed record StoredVehicleData(Vehicle Vehicle, List<FuelEntry> FuelEntries, List<ServiceRecord> ServiceRecords, List<MeterReading> Readings);
