using System.Globalization;
using System.Net;
using System.Text;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Infrastructure;

/// <summary>Kinds of tenant-owned records that an API or page route can name by id.</summary>
public enum RecordKind
{
    Vehicle,
    FuelEntry,
    MeterReading,
    ServiceRecord,
    ImportBatch,
    Role,
    User,
    OrganizationUnit,
}

/// <summary>
/// One signed-in tenant with one record of every <see cref="RecordKind"/>, all created through the API: a vehicle
/// with a fuel entry, a manual meter reading and a service record, an uncommitted vehicle import, a role and a user.
/// Tenants from <see cref="CreateAsync"/> also get an organization unit whose member is that user and whose role is that role.
/// </summary>
public sealed class TenantRecords
{
    /// <summary>Dates of the records that <see cref="CreateAsync"/> creates, far enough in the past to pass every date check.</summary>
    public const string FuelEntryDate = "2025-01-10";
    public const string MeterReadingDate = "2025-02-10";
    public const string ServiceRecordDate = "2025-03-10";

    private readonly Dictionary<RecordKind, Guid> _ids;

    private TenantRecords(Guid tenantId, string tenantName, ApiClient api, Dictionary<RecordKind, Guid> ids)
    {
        TenantId = tenantId;
        TenantName = tenantName;
        Api = api;
        _ids = ids;
    }

    public Guid TenantId { get; }

    public string TenantName { get; }

    public ApiClient Api { get; }

    public Guid this[RecordKind kind] => _ids[kind];

    /// <summary>Creates a tenant with an admin, signs in as that admin and creates one record of every kind.</summary>
    public static async Task<TenantRecords> CreateAsync(AutoTrackerWebFactory factory, string namePrefix)
    {
        var name = $"{namePrefix}{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(name);
        var api = await ApiClient.SignInAsync(factory, name);
        var ids = await CreateRecordsAsync(api, $"Owned by {name}");
        await AddOrganizationUnitAsync(api, ids);
        return new TenantRecords(tenantId, name, api, ids);
    }

    /// <summary>Creates a unit through the API, with the records' user as its member and the records' role as its role.</summary>
    private static async Task AddOrganizationUnitAsync(ApiClient api, Dictionary<RecordKind, Guid> ids)
    {
        var unit = await CreateAsync(api, "/api/identity/organization-units", new { displayName = "Owned unit" });
        using (var members = await api.PostAsync($"/api/identity/organization-units/{unit}/members", new { userIds = new[] { ids[RecordKind.User] } }))
        {
            members.StatusCode.ShouldBe(HttpStatusCode.NoContent, await members.Content.ReadAsStringAsync());
        }

        using (var roles = await api.PostAsync($"/api/identity/organization-units/{unit}/roles", new { roleIds = new[] { ids[RecordKind.Role] } }))
        {
            roles.StatusCode.ShouldBe(HttpStatusCode.NoContent, await roles.Content.ReadAsStringAsync());
        }

        ids[RecordKind.OrganizationUnit] = unit;
    }

    /// <summary>Creates one record of every kind through the API of a signed-in user who may create them all.</summary>
    /// <param name="model">The vehicle's model, which names its owner.</param>
    public static async Task<Dictionary<RecordKind, Guid>> CreateRecordsAsync(ApiClient api, string model)
    {
        var vehicle = await CreateAsync(api, "/api/app/vehicles", new { make = "Test", model, meterUnit = "Miles" });
        var vehicleUrl = $"/api/app/vehicles/{vehicle}";
        return new Dictionary<RecordKind, Guid>
        {
            [RecordKind.Vehicle] = vehicle,
            [RecordKind.FuelEntry] = await CreateAsync(api, $"{vehicleUrl}/fuel-entries", FuelEntryBody(FuelEntryDate, 1000)),
            [RecordKind.MeterReading] = await CreateAsync(api, $"{vehicleUrl}/meter-readings", MeterReadingBody(MeterReadingDate, 1500)),
            [RecordKind.ServiceRecord] = await CreateAsync(api, $"{vehicleUrl}/service-records", ServiceRecordBody(ServiceRecordDate)),
            [RecordKind.ImportBatch] = await PreviewVehicleImportAsync(api),
            [RecordKind.Role] = await CreateAsync(api, "/api/identity/roles", new { name = $"records {Guid.NewGuid():N}"[..20] }),
            [RecordKind.User] = await CreateAsync(api, "/api/identity/users", UserBody($"rec{Guid.NewGuid():N}"[..16])),
        };
    }

    /// <summary>Returns <paramref name="body"/> as JSON with its concurrencyStamp set, for update requests.</summary>
    public static System.Text.Json.Nodes.JsonObject WithStamp(object body, string stamp)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body, ApiClient.Json)!.AsObject();
        json["concurrencyStamp"] = stamp;
        return json;
    }

    public static object FuelEntryBody(string date, double meterValue, string? vendor = null) => new
    {
        date,
        meterValue,
        quantity = 40,
        unit = "Liters",
        totalCost = 80.00m,
        fuelType = "Petrol",
        isFullTank = true,
        vendor,
    };

    /// <summary>A new user without roles, with a password, so that no invitation e-mail is sent.</summary>
    public static object UserBody(string userName) => new
    {
        userName,
        email = $"{userName}@records.test",
        password = AutoTrackerWebFactory.AdminPassword,
        roleNames = Array.Empty<string>(),
    };

    public static object MeterReadingBody(string date, double value) => new { date, value };

    public static object ServiceRecordBody(string date, string? notes = null) => new
    {
        date,
        description = "Oil change",
        status = "Done",
        notes,
        lines = new[] { new { kind = "Part", description = "Oil filter", quantity = 1, unitCost = 12.50m } },
    };

    /// <summary>An upload form for a CSV file in the AutoTracker layout, by default one with one vehicle.</summary>
    public static MultipartFormDataContent ImportForm(string csv = "make,model,meter_unit\nTest,Imported,Miles\n", string recordKind = "Vehicles", Guid? vehicleId = null)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent
        {
            { new StringContent("AutoTracker"), "Format" },
            { new StringContent(recordKind), "RecordKind" },
            { file, "File", "records.csv" },
        };
        if (vehicleId is { } id)
        {
            form.Add(new StringContent(id.ToString()), "VehicleId");
        }

        return form;
    }

    /// <summary>Reads the concurrency stamp of any tenant's record straight from the database, or null when there is none.</summary>
    public static string? ReadStamp(AutoTrackerWebFactory factory, RecordKind kind, Guid id) => factory.InScope(null, sp =>
    {
        var db = sp.GetRequiredService<AutoTrackerDbContext>();
        return kind switch
        {
            RecordKind.Vehicle => StampOf(db.Vehicles, id),
            RecordKind.FuelEntry => StampOf(db.FuelEntries, id),
            RecordKind.MeterReading => StampOf(db.MeterReadings, id),
            RecordKind.ServiceRecord => StampOf(db.ServiceRecords, id),
            RecordKind.ImportBatch => StampOf(db.ImportBatches, id),
            RecordKind.Role => db.Roles.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.ConcurrencyStamp).SingleOrDefault(),
            RecordKind.User => db.Users.IgnoreQueryFilters().Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleOrDefault(),
            RecordKind.OrganizationUnit => StampOf(db.OrganizationUnits, id),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No table for this record kind."),
        };
    });

    /// <summary>Reads whether a record exists in any tenant, and its tenant, straight from the database.</summary>
    public static (bool Exists, Guid? TenantId) ReadTenant(AutoTrackerWebFactory factory, RecordKind kind, Guid id) => factory.InScope(null, sp =>
    {
        var db = sp.GetRequiredService<AutoTrackerDbContext>();
        var tenants = kind switch
        {
            RecordKind.Vehicle => TenantOf(db.Vehicles, id),
            RecordKind.FuelEntry => TenantOf(db.FuelEntries, id),
            RecordKind.MeterReading => TenantOf(db.MeterReadings, id),
            RecordKind.ServiceRecord => TenantOf(db.ServiceRecords, id),
            RecordKind.ImportBatch => TenantOf(db.ImportBatches, id),
            RecordKind.OrganizationUnit => TenantOf(db.OrganizationUnits, id),
            RecordKind.Role => db.Roles.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.TenantId).ToList(),
            RecordKind.User => db.Users.IgnoreQueryFilters().Where(u => u.Id == id).Select(u => u.TenantId).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No table for this record kind."),
        };
        return tenants.Count == 1 ? (true, tenants[0]) : (false, null);
    });

    /// <summary>
    /// Reads every row of every tenant-owned table that belongs to <paramref name="tenantId"/>, owned rows such as
    /// service lines included, as one sorted line per row with all its column values (ConcurrencyStamp too).
    /// </summary>
    public static IReadOnlyList<string> Snapshot(AutoTrackerWebFactory factory, Guid tenantId) => factory.InScope(null, sp =>
    {
        var db = sp.GetRequiredService<AutoTrackerDbContext>();
        var rootTypes = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.BaseType is null && typeof(IMultiTenant).IsAssignableFrom(t.ClrType))
            .Select(t => t.ClrType)
            .ToList();
        rootTypes.ShouldContain(typeof(Vehicle));
        foreach (var type in rootTypes)
        {
            LoadTenantRowsMethod.MakeGenericMethod(type).Invoke(null, [db, tenantId]);
        }

        return db.ChangeTracker.Entries()
            .Select(entry => $"{entry.Metadata.DisplayName()}: " + string.Join(", ", entry.Properties.Select(p => $"{p.Metadata.Name}={Format(p.CurrentValue)}")))
            .Order(StringComparer.Ordinal)
            .ToList();
    });

    private static readonly System.Reflection.MethodInfo LoadTenantRowsMethod =
        typeof(TenantRecords).GetMethod(nameof(LoadTenantRows), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!;

    private static void LoadTenantRows<TEntity>(AutoTrackerDbContext db, Guid tenantId)
        where TEntity : class, IMultiTenant =>
        db.Set<TEntity>().IgnoreQueryFilters().Where(e => e.TenantId == tenantId).Load();

    private static string? StampOf<TEntity>(IQueryable<TEntity> set, Guid id)
        where TEntity : AggregateRoot =>
        set.IgnoreQueryFilters().Where(e => e.Id == id).Select(e => e.ConcurrencyStamp).SingleOrDefault();

    private static List<Guid?> TenantOf<TEntity>(IQueryable<TEntity> set, Guid id)
        where TEntity : AggregateRoot, IMultiTenant =>
        set.IgnoreQueryFilters().Where(e => e.Id == id).Select(e => e.TenantId).ToList();

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static async Task<Guid> CreateAsync(ApiClient api, string url, object body)
    {
        using var response = await api.PostAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"POST {url}: {text}");
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> PreviewVehicleImportAsync(ApiClient api)
    {
        using var form = ImportForm();
        using var response = await api.PostAsync("/api/app/vehicle-imports/preview", form);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"POST /api/app/vehicle-imports/preview: {text}");
        var preview = await ApiClient.ReadAsync<ImportPreviewDto>(response);
        preview.CanCommit.ShouldBeTrue(text);
        return preview.BatchId;
    }
}
