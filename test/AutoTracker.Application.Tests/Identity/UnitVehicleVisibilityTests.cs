using System.Text;
using AutoTracker.Domain;
using AutoTracker.PermissionManagement;
using AutoTracker.Permissions;
using AutoTracker.Vehicles;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Identity;

/// <summary>
/// The record-level rule: without ViewAllUnits a user reaches only the vehicles of the own units and the units
/// below them, and every other vehicle is not found, for reads, changes, records and imports alike.
/// </summary>
public sealed class UnitVehicleVisibilityTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private const string Password = "unit-visibility-passphrase-8";
    private const string UnitEditor = "unit-editor";

    /// <summary>Every vehicle and record permission except ViewAllUnits.</summary>
    private static readonly string[] EditorGrants =
    [
        AutoTrackerPermissions.Vehicles.Default, AutoTrackerPermissions.Vehicles.Create, AutoTrackerPermissions.Vehicles.Edit,
        AutoTrackerPermissions.Vehicles.Delete, AutoTrackerPermissions.Vehicles.Import,
        AutoTrackerPermissions.MeterReadings.Default, AutoTrackerPermissions.MeterReadings.Create,
        AutoTrackerPermissions.FuelEntries.Default, AutoTrackerPermissions.FuelEntries.Create,
        AutoTrackerPermissions.ServiceRecords.Default, AutoTrackerPermissions.ServiceRecords.Create,
    ];

    [Fact]
    public async Task NorthUser_SeesNorthAndBelowOnly()
    {
        var fleet = await CreateFleetAsync();

        var list = await AsNorthUserAsync(fleet, sp => Vehicles(sp).GetListAsync(new GetVehicleListInput(), CancellationToken.None));

        list.Items.Select(v => v.Id).ShouldBe([fleet.NorthVehicle, fleet.DepotVehicle], ignoreOrder: true);
        list.TotalCount.ShouldBe(2);
    }

    [Fact]
    public async Task NorthUser_SouthVehicle_EveryRouteNotFoundAndNothingChanged()
    {
        var fleet = await CreateFleetAsync();
        var south = fleet.SouthVehicle;
        var before = await SnapshotAsync(fleet.TenantId);
        var today = new DateOnly(2026, 5, 1);

        var calls = new (string Name, Func<IServiceProvider, Task> Call)[]
        {
            ("get", sp => Vehicles(sp).GetAsync(south, CancellationToken.None)),
            ("update", sp => Vehicles(sp).UpdateAsync(south, new UpdateVehicleDto { Make = "X", Model = "Y", ConcurrencyStamp = fleet.SouthStamp, OrganizationUnitId = fleet.North }, CancellationToken.None)),
            ("delete", sp => Vehicles(sp).DeleteAsync(south, CancellationToken.None)),
            ("meter list", sp => sp.GetRequiredService<IMeterReadingAppService>().GetListAsync(south, CancellationToken.None)),
            ("meter get", sp => sp.GetRequiredService<IMeterReadingAppService>().GetAsync(south, fleet.SouthReading, CancellationToken.None)),
            ("meter create", sp => sp.GetRequiredService<IMeterReadingAppService>().CreateAsync(south, new CreateMeterReadingDto { Date = today, Value = 9000 }, CancellationToken.None)),
            ("fuel list", sp => sp.GetRequiredService<IFuelEntryAppService>().GetListAsync(south, CancellationToken.None)),
            ("fuel create", sp => sp.GetRequiredService<IFuelEntryAppService>().CreateAsync(south, new CreateFuelEntryDto { Date = today, MeterValue = 9000, Quantity = 40 }, CancellationToken.None)),
            ("economy", sp => sp.GetRequiredService<IFuelEntryAppService>().GetEconomyAsync(south, null, CancellationToken.None)),
            ("service list", sp => sp.GetRequiredService<IServiceRecordAppService>().GetListAsync(south, CancellationToken.None)),
            ("service create", sp => sp.GetRequiredService<IServiceRecordAppService>().CreateAsync(south, new CreateServiceRecordDto { Date = today, Description = "Oil" }, CancellationToken.None)),
            ("import", sp => ImportFuelAsync(sp, south)),
        };

        foreach (var (name, call) in calls)
        {
            var error = await Should.ThrowAsync<EntityNotFoundException>(() => AsNorthUserAsync(fleet, call), name);
            error.EntityType.ShouldBe(typeof(Vehicle), name);
        }

        (await SnapshotAsync(fleet.TenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task NorthUser_GrantedViewAllUnits_SeesEverythingNextRequest()
    {
        var fleet = await CreateFleetAsync();
        await host.GrantRawAsync(fleet.TenantId, PermissionProviderNames.Role, UnitEditor, AutoTrackerPermissions.Vehicles.ViewAllUnits);

        var list = await AsNorthUserAsync(fleet, sp => Vehicles(sp).GetListAsync(new GetVehicleListInput(), CancellationToken.None));
        var south = await AsNorthUserAsync(fleet, sp => Vehicles(sp).GetAsync(fleet.SouthVehicle, CancellationToken.None));

        list.Items.Count.ShouldBe(4);
        south.Id.ShouldBe(fleet.SouthVehicle);
    }

    [Fact]
    public async Task UserWithoutUnit_SeesUnassignedOnly()
    {
        var fleet = await CreateFleetAsync();
        var loner = await host.InTenantAsync(fleet.TenantId, sp => TestUsers.CreateAsync(sp, fleet.TenantId, $"u{Guid.NewGuid():N}"[..20], Password, [UnitEditor]));

        var list = await host.AsUserAsync(fleet.TenantId, loner, [UnitEditor], sp => Vehicles(sp).GetListAsync(new GetVehicleListInput(), CancellationToken.None));

        list.Items.Select(v => v.Id).ShouldBe([fleet.FreeVehicle]);
    }

    [Fact]
    public async Task NorthUser_AssignsUnit_OnlyVisibleUnitsAccepted()
    {
        var fleet = await CreateFleetAsync();
        var before = await SnapshotAsync(fleet.TenantId);

        foreach (var unit in new Guid?[] { fleet.South, null, Guid.NewGuid() })
        {
            var error = await Should.ThrowAsync<InputValidationException>(() => AsNorthUserAsync(fleet, sp => Vehicles(sp).CreateAsync(
                new CreateUpdateVehicleDto { Make = "Ford", Model = "Ranger", MeterUnit = MeterUnit.Miles, OrganizationUnitId = unit }, CancellationToken.None)));
            error.Errors.Keys.ShouldBe(["OrganizationUnitId"], $"unit {unit}");
        }

        (await SnapshotAsync(fleet.TenantId)).ShouldBe(before);
        var created = await AsNorthUserAsync(fleet, sp => Vehicles(sp).CreateAsync(
            new CreateUpdateVehicleDto { Make = "Ford", Model = "Ranger", MeterUnit = MeterUnit.Miles, OrganizationUnitId = fleet.Depot }, CancellationToken.None));
        created.OrganizationUnitId.ShouldBe(fleet.Depot);
    }

    [Fact]
    public async Task VehicleList_FilteredForUnitUser_IsOneCommand()
    {
        var fleet = await CreateFleetAsync();

        var count = await AsNorthUserAsync(fleet, async sp =>
        {
            var service = Vehicles(sp);
            await service.GetListAsync(new GetVehicleListInput(), CancellationToken.None);
            host.Commands.Reset();
            await service.GetListAsync(new GetVehicleListInput { Sort = VehicleSortField.Make }, CancellationToken.None);
            return host.Commands.Count;
        });

        count.ShouldBe(1, "the visibility filter joins the units in the list query itself");
    }

    private static IVehicleAppService Vehicles(IServiceProvider services) => services.GetRequiredService<IVehicleAppService>();

    private static async Task ImportFuelAsync(IServiceProvider services, Guid vehicleId)
    {
        var csv = "Date,Odometer,Quantity,Unit,Total cost,Full tank\n2026-04-01,9100,40,Liters,60.00,true\n";
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        await services.GetRequiredService<IVehicleImportAppService>().PreviewAsync(
            new ImportUploadDto { Format = ImportFormat.AutoTracker, RecordKind = ImportRecordKind.FuelEntries, VehicleId = vehicleId, FileName = "fuel.csv" },
            content,
            CancellationToken.None);
    }

    private Task<T> AsNorthUserAsync<T>(Fleet fleet, Func<IServiceProvider, Task<T>> action) =>
        host.AsUserAsync(fleet.TenantId, fleet.NorthUser, [UnitEditor], action);

    private Task AsNorthUserAsync(Fleet fleet, Func<IServiceProvider, Task> action) =>
        host.AsUserAsync(fleet.TenantId, fleet.NorthUser, [UnitEditor], action);

    /// <summary>Counts the tenant's rows that the denied calls could have changed, with the vehicles' stamps.</summary>
    private Task<string> SnapshotAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => Task.FromResult(string.Join(
            "|",
            string.Join(",", sp.GetRequiredService<IRepository<Vehicle>>().Query().OrderBy(v => v.Id).Select(v => v.ConcurrencyStamp).ToList()),
            sp.GetRequiredService<IRepository<MeterReading>>().Query().Count(),
            sp.GetRequiredService<IRepository<FuelEntry>>().Query().Count(),
            sp.GetRequiredService<IRepository<ServiceRecord>>().Query().Count(),
            sp.GetRequiredService<IRepository<ImportBatch>>().Query().Count())));

    /// <summary>
    /// Creates units North (with Depot below it) and South, a vehicle in each and one unassigned, a meter reading on
    /// South's vehicle, and a user of North in a role with every vehicle permission except ViewAllUnits.
    /// </summary>
    private async Task<Fleet> CreateFleetAsync()
    {
        var tenantId = await host.CreateTenantAsync();
        await host.CreateRoleAsync(tenantId, UnitEditor);
        await host.GrantRawAsync(tenantId, PermissionProviderNames.Role, UnitEditor, EditorGrants);

        Task<OrganizationUnitDto> CreateUnitAsync(Guid? parentId, string name) => host.AsAdminAsync(tenantId, sp =>
            sp.GetRequiredService<IOrganizationUnitAppService>().CreateAsync(new CreateOrganizationUnitDto { ParentId = parentId, DisplayName = name }, CancellationToken.None));
        Task<VehicleDto> CreateVehicleAsync(Guid? unitId, string model) => host.AsAdminAsync(tenantId, sp =>
            Vehicles(sp).CreateAsync(new CreateUpdateVehicleDto { Make = "Ford", Model = model, MeterUnit = MeterUnit.Miles, OrganizationUnitId = unitId }, CancellationToken.None));

        var north = await CreateUnitAsync(null, "North");
        var depot = await CreateUnitAsync(north.Id, "Depot");
        var southUnit = await CreateUnitAsync(null, "South");
        var northVehicle = await CreateVehicleAsync(north.Id, "North van");
        var depotVehicle = await CreateVehicleAsync(depot.Id, "Depot van");
        var southVehicle = await CreateVehicleAsync(southUnit.Id, "South van");
        var freeVehicle = await CreateVehicleAsync(null, "Free van");
        var reading = await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IMeterReadingAppService>().CreateAsync(
            southVehicle.Id, new CreateMeterReadingDto { Date = new DateOnly(2026, 4, 1), Value = 8000 }, CancellationToken.None));
        var southStamp = (await host.AsAdminAsync(tenantId, sp => Vehicles(sp).GetAsync(southVehicle.Id, CancellationToken.None))).ConcurrencyStamp;

        var userId = await host.InTenantAsync(tenantId, sp => TestUsers.CreateAsync(sp, tenantId, $"u{Guid.NewGuid():N}"[..20], Password, [UnitEditor]));
        await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IOrganizationUnitAppService>().AddMembersAsync(
            north.Id, new AddOrganizationUnitMembersDto { UserIds = [userId] }, CancellationToken.None));

        return new Fleet(tenantId, userId, north.Id, depot.Id, southUnit.Id, northVehicle.Id, depotVehicle.Id, southVehicle.Id, freeVehicle.Id, reading.Id, southStamp);
    }

    private sealed record Fleet(
        Guid TenantId,
        Guid NorthUser,
        Guid North,
        Guid Depot,
        Guid South,
        Guid NorthVehicle,
        Guid DepotVehicle,
        Guid SouthVehicle,
        Guid FreeVehicle,
        Guid SouthReading,
        string SouthStamp);
}
