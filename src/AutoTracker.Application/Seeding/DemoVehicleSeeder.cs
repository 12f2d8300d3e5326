using System.Reflection;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Vehicles;
using AutoTracker.Vehicles.Import;

namespace AutoTracker.Seeding;

/// <summary>
/// Fills the demo tenant with vehicles: real VINs decoded offline, and a 1992 Jeep Cherokee with its real
/// fuel and maintenance history imported from LubeLogger files. Does nothing when the tenant has vehicles.
/// </summary>
public sealed class DemoVehicleSeeder(
    IRepository<Vehicle> vehicles,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    IVehicleAppService vehicleService,
    VehicleImporter importer)
{
    private static readonly (string Vin, string Model, string? Trim, string Color, string Plate, VehicleKind Kind)[] VinVehicles =
    [
        ("5FNYF5H59HB011946", "Pilot", "EX-L", "White", "FLT-101", VehicleKind.Fleet),
        ("4T1BE46K19U856421", "Camry", null, "Silver", "FLT-102", VehicleKind.Fleet),
        ("1FTJW36F9TEA02868", "F-350", null, "Red", "FLT-103", VehicleKind.Fleet),
        ("JM3KE4BY6G0636881", "CX-5", null, "Blue", "STK-201", VehicleKind.Inventory),
        ("WBSPM9C52BE209978", "M3", null, "Black", "STK-202", VehicleKind.Inventory),
        ("1C41JUEJ6NC004408", "Grand Wagoneer", "Series I", "Grey", "STK-203", VehicleKind.Inventory),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await executor.AnyAsync(vehicles.Query(), cancellationToken))
        {
            return;
        }

        // One transaction, so a failed seed leaves no half-filled demo tenant behind and is retried at the next start.
        // The seed runs without a user, so it calls the vehicle service with system access.
        using (SystemAccess.Begin())
        {
            await unitOfWork.RunInTransactionAsync(SeedVehiclesAsync, cancellationToken);
        }
    }

    private async Task<int> SeedVehiclesAsync(CancellationToken cancellationToken)
    {
        foreach (var v in VinVehicles)
        {
            await vehicleService.CreateAsync(
                new CreateUpdateVehicleDto
                {
                    Vin = v.Vin,
                    Model = v.Model,
                    Trim = v.Trim,
                    Color = v.Color,
                    Plate = v.Plate,
                    UnitNumber = v.Plate,
                    Kind = v.Kind,
                    MeterUnit = MeterUnit.Miles,
                },
                cancellationToken);
        }

        var jeep = await vehicleService.CreateAsync(
            new CreateUpdateVehicleDto
            {
                Make = "Jeep",
                Model = "Cherokee",
                ModelYear = 1992,
                Color = "Green",
                UnitNumber = "JEEP-92",
                Kind = VehicleKind.Fleet,
                MeterUnit = MeterUnit.Miles,
                Notes = "Real history: the LubeLogger maintainer's own log, 2020-2023.",
            },
            cancellationToken);

        await ImportAsync(ImportRecordKind.FuelEntries, jeep.Id, "jeep-cherokee-1992-fuel.csv", new ImportOptions(), cancellationToken);

        // The maintenance log's odometer values were written down loosely: many are hundreds of miles below the
        // fuel log's readings of the same weeks, so as meter readings they would break the meter history. They
        // are kept in each record's notes instead.
        await ImportAsync(
            ImportRecordKind.ServiceRecords, jeep.Id, "jeep-cherokee-1992-service.csv", new ImportOptions { ServiceOdometersAsNotes = true }, cancellationToken);
        return VinVehicles.Length + 1;
    }

    private async Task ImportAsync(ImportRecordKind kind, Guid vehicleId, string fileName, ImportOptions options, CancellationToken cancellationToken)
    {
        var content = ReadEmbedded(fileName);
        var request = new ImportRequest(ImportFormat.LubeLogger, kind, vehicleId, content, options);
        var result = await importer.ImportAsync(request, progress: null, cancellationToken);
        if (result.Errors.Count > 0)
        {
            var first = result.Errors[0];
            throw new InvalidOperationException($"The demo file {fileName} did not import: row {first.Row}, column {first.Column}: {first.Message}");
        }
    }

    private static string ReadEmbedded(string fileName)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream($"AutoTracker.Seeding.Data.{fileName}")
            ?? throw new InvalidOperationException($"The embedded demo file {fileName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
