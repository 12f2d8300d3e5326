using System.Net;
using System.Text.Json.Nodes;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

/// <summary>
/// Sends every create and update body of the API with a tenantId naming another tenant. No DTO has a tenant
/// property and the JSON options leave unmapped properties at their default (skip), so the app ignores the
/// property: each request succeeds, the record belongs to the caller's tenant, and the other tenant's rows do
/// not change. An import form field is ignored the same way, and an import file's TenantId column is an error.
/// </summary>
public sealed class TenantIdMassAssignmentTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    [Theory]
    [InlineData("tenantId")]
    [InlineData("TenantId")]
    [InlineData("tenantId", "TenantId")]
    public async Task ApiBodies_ForeignTenantId_IsIgnored(params string[] propertyNames)
    {
        var b = await TenantRecords.CreateAsync(factory, "mab");
        var a = await TenantRecords.CreateAsync(factory, "maa");
        var rowsOfB = TenantRecords.Snapshot(factory, b.TenantId);
        var vehicleUrl = $"/api/app/vehicles/{a[RecordKind.Vehicle]}";

        var vehicle = await SendAsync(a, HttpMethod.Post, "/api/app/vehicles", new { make = "Test", model = "Created", meterUnit = "Miles" }, propertyNames, b, HttpStatusCode.Created);
        await SendAsync(a, HttpMethod.Put, vehicleUrl, WithStamp(new { make = "Test", model = "Updated", meterUnit = "Miles" }, RecordKind.Vehicle, a), propertyNames, b, HttpStatusCode.OK);
        var fuelEntry = await SendAsync(a, HttpMethod.Post, $"{vehicleUrl}/fuel-entries", TenantRecords.FuelEntryBody("2025-05-10", 3000), propertyNames, b, HttpStatusCode.Created);
        await SendAsync(
            a,
            HttpMethod.Put,
            $"{vehicleUrl}/fuel-entries/{a[RecordKind.FuelEntry]}",
            WithStamp(TenantRecords.FuelEntryBody(TenantRecords.FuelEntryDate, 1000, vendor: "Updated"), RecordKind.FuelEntry, a),
            propertyNames,
            b,
            HttpStatusCode.OK);
        var meterReading = await SendAsync(a, HttpMethod.Post, $"{vehicleUrl}/meter-readings", TenantRecords.MeterReadingBody("2025-06-10", 4000), propertyNames, b, HttpStatusCode.Created);
        await SendAsync(
            a,
            HttpMethod.Put,
            $"{vehicleUrl}/meter-readings/{a[RecordKind.MeterReading]}",
            WithStamp(TenantRecords.MeterReadingBody(TenantRecords.MeterReadingDate, 1600), RecordKind.MeterReading, a),
            propertyNames,
            b,
            HttpStatusCode.OK);
        var serviceRecord = await SendAsync(a, HttpMethod.Post, $"{vehicleUrl}/service-records", TenantRecords.ServiceRecordBody("2025-04-10"), propertyNames, b, HttpStatusCode.Created);
        await SendAsync(
            a,
            HttpMethod.Put,
            $"{vehicleUrl}/service-records/{a[RecordKind.ServiceRecord]}",
            WithStamp(TenantRecords.ServiceRecordBody(TenantRecords.ServiceRecordDate, notes: "Updated"), RecordKind.ServiceRecord, a),
            propertyNames,
            b,
            HttpStatusCode.OK);

        ShouldBelongTo(RecordKind.Vehicle, vehicle, a);
        ShouldBelongTo(RecordKind.FuelEntry, fuelEntry, a);
        ShouldBelongTo(RecordKind.MeterReading, meterReading, a);
        ShouldBelongTo(RecordKind.ServiceRecord, serviceRecord, a);
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            ShouldBelongTo(kind, a[kind], a);
        }

        TenantRecords.Snapshot(factory, b.TenantId).ShouldBe(rowsOfB, "Tenant B's rows changed.");
    }

    [Theory]
    [InlineData("tenantId")]
    [InlineData("TenantId")]
    [InlineData("tenantId", "TenantId")]
    public async Task ImportForm_ForeignTenantId_IsIgnored(params string[] fieldNames)
    {
        var b = await TenantRecords.CreateAsync(factory, "mab");
        var a = await TenantRecords.CreateAsync(factory, "maa");
        var rowsOfB = TenantRecords.Snapshot(factory, b.TenantId);
        var vehiclesOfA = await CountVehiclesAsync(a);

        using var form = TenantRecords.ImportForm();
        foreach (var name in fieldNames)
        {
            form.Add(new StringContent(b.TenantId.ToString()), name);
        }

        using var preview = await a.Api.PostAsync("/api/app/vehicle-imports/preview", form);
        var previewText = await preview.Content.ReadAsStringAsync();
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, previewText);
        var batch = await ApiClient.ReadAsync<ImportPreviewDto>(preview);
        using var commit = await a.Api.PostAsync($"/api/app/vehicle-imports/{batch.BatchId}/commit", null);
        var commitText = await commit.Content.ReadAsStringAsync();

        commit.StatusCode.ShouldBe(HttpStatusCode.OK, commitText);
        ShouldBelongTo(RecordKind.ImportBatch, batch.BatchId, a);
        (await CountVehiclesAsync(a)).ShouldBe(vehiclesOfA + 1);
        TenantRecords.Snapshot(factory, b.TenantId).ShouldBe(rowsOfB, "Tenant B's rows changed.");
    }

    [Theory]
    [InlineData("tenant_id")]
    [InlineData("TenantId")]
    public async Task ImportFile_TenantIdColumn_IsRejected(string column)
    {
        var b = await TenantRecords.CreateAsync(factory, "mab");
        var a = await TenantRecords.CreateAsync(factory, "maa");
        var rowsOfB = TenantRecords.Snapshot(factory, b.TenantId);
        var vehiclesOfA = await CountVehiclesAsync(a);

        using var form = TenantRecords.ImportForm($"make,model,meter_unit,{column}\nTest,Imported,Miles,{b.TenantId}\n");
        using var preview = await a.Api.PostAsync("/api/app/vehicle-imports/preview", form);
        var batch = await ApiClient.ReadAsync<ImportPreviewDto>(preview);
        using var commit = await a.Api.PostAsync($"/api/app/vehicle-imports/{batch.BatchId}/commit", null);

        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        batch.CanCommit.ShouldBeFalse();
        batch.Errors.ShouldContain(e => e.Row == 1 && e.Column == column && e.Message.StartsWith($"Unknown column '{column}'", StringComparison.Ordinal));
        commit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountVehiclesAsync(a)).ShouldBe(vehiclesOfA);
        TenantRecords.Snapshot(factory, b.TenantId).ShouldBe(rowsOfB, "Tenant B's rows changed.");
    }

    /// <summary>Sends the body with each named property set to B's tenant id, checks the status and returns the record's id.</summary>
    private static async Task<Guid> SendAsync(TenantRecords caller, HttpMethod method, string url, object body, string[] propertyNames, TenantRecords other, HttpStatusCode expected)
    {
        var json = body as JsonObject ?? System.Text.Json.JsonSerializer.SerializeToNode(body, ApiClient.Json)!.AsObject();
        foreach (var name in propertyNames)
        {
            json[name] = other.TenantId;
        }

        using var response = await caller.Api.SendAsync(method, url, json);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"{method} {url} with {string.Join(", ", propertyNames)}: {text}");

        var result = await ApiClient.ReadJsonAsync(response);
        result.TryGetProperty("tenantId", out _).ShouldBeFalse(text);
        return result.GetProperty("id").GetGuid();
    }

    private JsonObject WithStamp(object body, RecordKind kind, TenantRecords owner)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body, ApiClient.Json)!.AsObject();
        json["concurrencyStamp"] = TenantRecords.ReadStamp(factory, kind, owner[kind]);
        return json;
    }

    private void ShouldBelongTo(RecordKind kind, Guid id, TenantRecords owner)
    {
        var (exists, tenantId) = TenantRecords.ReadTenant(factory, kind, id);
        exists.ShouldBeTrue($"{kind} {id} does not exist.");
        tenantId.ShouldBe(owner.TenantId, $"{kind} {id} is not in {owner.TenantName}.");
    }

    private Task<int> CountVehiclesAsync(TenantRecords owner) =>
        factory.InScopeAsync(owner.TenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().Vehicles.CountAsync());
}
