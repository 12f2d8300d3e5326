using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Vehicles;

/// <summary>The import API and the import page over HTTP, with the Jeep's real LubeLogger files.</summary>
public sealed class VehicleImportTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string FuelFile = "lubelogger_fuel_records.csv";
    private const string MaintenanceFile = "lubelogger_maintenance_records.csv";

    [Fact]
    public async Task Api_OdometersAsNotes_ImportsBothLogs()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "Cherokee");

        var fuel = await PreviewThroughApiAsync(api, vehicle.Id, "FuelEntries", FuelFile, serviceOdometersAsNotes: false);
        var fuelResult = await CommitThroughApiAsync(api, fuel.BatchId);
        var maintenance = await PreviewThroughApiAsync(api, vehicle.Id, "ServiceRecords", MaintenanceFile, serviceOdometersAsNotes: true);
        var maintenanceResult = await CommitThroughApiAsync(api, maintenance.BatchId);

        fuelResult.ImportedCount.ShouldBe(109);
        maintenance.Errors.ShouldBeEmpty();
        maintenance.ServiceOdometersAsNotes.ShouldBeTrue();
        maintenanceResult.ImportedCount.ShouldBe(69);
        var counts = await CountAsync(vehicle.Id);
        counts.ShouldBe((109, 69, 109));
    }

    [Fact]
    public async Task Api_MaintenanceAfterFuelWithoutOption_CannotCommit()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "Cherokee");
        var fuel = await PreviewThroughApiAsync(api, vehicle.Id, "FuelEntries", FuelFile, serviceOdometersAsNotes: false);
        await CommitThroughApiAsync(api, fuel.BatchId);

        var maintenance = await PreviewThroughApiAsync(api, vehicle.Id, "ServiceRecords", MaintenanceFile, serviceOdometersAsNotes: false);
        using var commit = await api.PostAsync($"/api/app/vehicle-imports/{maintenance.BatchId}/commit", null);

        maintenance.CanCommit.ShouldBeFalse();
        commit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountAsync(vehicle.Id)).ShouldBe((109, 0, 109));
    }

    [Fact]
    public async Task Page_OdometersAsNotesChecked_ShowsOptionInPreview()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "Cherokee");
        var path = $"/Vehicles/Import?recordKind=ServiceRecords&vehicleId={vehicle.Id}";
        var page = await api.Http.GetStringAsync(path);
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(api.Http, path);
        using var form = UploadForm(vehicle.Id, "ServiceRecords", MaintenanceFile, token);
        form.Add(new StringContent("true"), "ServiceOdometersAsNotes");

        using var upload = await api.Http.PostAsync(path, form);
        var previewUrl = upload.Headers.Location?.OriginalString;
        var preview = await api.Http.GetStringAsync(previewUrl);

        page.ShouldContain("name=\"ServiceOdometersAsNotes\"");
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        previewUrl.ShouldNotBeNull().ShouldContain("batchId=");
        preview.ShouldContain("data-testid=\"preview-service-odometers\">Kept in the notes</dd>");
        preview.ShouldContain("data-testid=\"preview-row-count\">69</dd>");
    }

    [Fact]
    public async Task Page_UploadAboveRequestLimit_RedirectsWithSizeError()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "Cherokee");
        var path = $"/Vehicles/Import?recordKind=FuelEntries&vehicleId={vehicle.Id}";
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(api.Http, path);
        var batchesBefore = await CountBatchesAsync();
        using var form = OversizedForm(ImportLimits.MaxRequestBytes + 1, "Upload");
        form.Add(new StringContent(token), "__RequestVerificationToken");

        using var upload = await api.Http.PostAsync(path, form);
        var location = upload.Headers.Location?.OriginalString;
        var page = WebUtility.HtmlDecode(await api.Http.GetStringAsync(location));

        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        location.ShouldBe($"/Vehicles/Import?recordKind=FuelEntries&vehicleId={vehicle.Id}&fileTooLarge=True");
        page.ShouldContain("data-valmsg-for=\"Upload\" data-valmsg-replace=\"true\">The file is larger than 2 MB. Split it into smaller files.</span>");
        page.ShouldNotContain("Choose a CSV file to import.");
        (await CountBatchesAsync()).ShouldBe(batchesBefore);
    }

    [Fact]
    public async Task Page_FileAboveLimitWithinRequest_ShowsSizeError()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(api.Http, "/Vehicles/Import?recordKind=Vehicles");
        var batchesBefore = await CountBatchesAsync();
        using var form = OversizedForm(ImportLimits.MaxFileBytes + 1, "Upload");
        form.Add(new StringContent(token), "__RequestVerificationToken");

        using var upload = await api.Http.PostAsync("/Vehicles/Import?recordKind=Vehicles", form);
        var page = WebUtility.HtmlDecode(await upload.Content.ReadAsStringAsync());

        upload.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("The file is larger than 2 MB. Split it into smaller files.</span>");
        (await CountBatchesAsync()).ShouldBe(batchesBefore);
    }

    [Fact]
    public async Task Api_UploadAboveRequestLimit_Returns413NamingLimit()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var batchesBefore = await CountBatchesAsync();
        using var form = OversizedForm(ImportLimits.MaxRequestBytes + 1, "File");

        using var response = await api.PostAsync("/api/app/vehicle-imports/preview", form);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("errors").GetProperty("File")[0].GetString().ShouldBe("The file is larger than 2 MB; split it into smaller files.");
        (await CountBatchesAsync()).ShouldBe(batchesBefore);
    }

    [Fact]
    public async Task Api_FileAboveLimitWithinRequest_Returns400NamingLimit()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var batchesBefore = await CountBatchesAsync();
        using var form = OversizedForm(ImportLimits.MaxFileBytes + 1, "File");

        using var response = await api.PostAsync("/api/app/vehicle-imports/preview", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ReadJsonAsync(response);
        problem.GetProperty("errors").GetProperty("File")[0].GetString().ShouldBe("The file is larger than 2 MB; split it into smaller files.");
        (await CountBatchesAsync()).ShouldBe(batchesBefore);
    }

    [Fact]
    public async Task Page_UploadForm_DescribesTheThreeLayouts()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");

        var page = WebUtility.HtmlDecode(await api.Http.GetStringAsync("/Vehicles/Import"));

        page.ShouldContain("<li>AutoTracker: this app's own layout,");
        page.ShouldContain("<li>LubeLogger: a CSV export of LubeLogger's fuel or service records,");
        page.ShouldContain("<li>Fuelly: a Fuelly export, read by column position.");
    }

    [Fact]
    public async Task Page_Preview_OffersSingularAndPluralResult()
    {
        var api = await ApiClient.SignInAsync(factory, "demo");
        var vehicle = await VehicleApiTests.CreateVehicleAsync(api, "Cherokee");
        var preview = await PreviewThroughApiAsync(api, vehicle.Id, "FuelEntries", FuelFile, serviceOdometersAsNotes: false);

        var page = WebUtility.HtmlDecode(await api.Http.GetStringAsync($"/Vehicles/Import?batchId={preview.BatchId}&vehicleId={vehicle.Id}"));

        page.ShouldContain("data-text-done-one=\"1 record imported.\"");
        page.ShouldContain("data-text-done-other=\"{0} records imported.\"");
    }

    /// <summary>Builds an AutoTracker vehicle upload whose file has <paramref name="fileBytes"/> bytes.</summary>
    private static MultipartFormDataContent OversizedForm(long fileBytes, string fileField)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("AutoTracker"), "Format" },
            { new StringContent("Vehicles"), "RecordKind" },
        };
        var content = new byte[fileBytes];
        Array.Fill(content, (byte)'a');
        form.Add(new ByteArrayContent(content), fileField, "large.csv");
        return form;
    }

    private async Task<int> CountBatchesAsync()
    {
        var tenantId = await factory.GetTenantIdAsync("demo");
        return await factory.InScopeAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().ImportBatches.CountAsync());
    }

    private static MultipartFormDataContent UploadForm(Guid vehicleId, string recordKind, string fileName, string? formToken = null)
    {
        var form = new MultipartFormDataContent();
        if (formToken is not null)
        {
            form.Add(new StringContent(formToken), "__RequestVerificationToken");
        }

        form.Add(new StringContent("LubeLogger"), "Format");
        form.Add(new StringContent(recordKind), "RecordKind");
        form.Add(new StringContent(vehicleId.ToString()), "VehicleId");
        var file = new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vehicles", "Import", "Data", fileName)));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, formToken is null ? "File" : "Upload", fileName);
        return form;
    }

    private static async Task<ImportPreviewDto> PreviewThroughApiAsync(ApiClient api, Guid vehicleId, string recordKind, string fileName, bool serviceOdometersAsNotes)
    {
        using var form = UploadForm(vehicleId, recordKind, fileName);
        form.Add(new StringContent(serviceOdometersAsNotes ? "true" : "false"), "ServiceOdometersAsNotes");
        using var response = await api.PostAsync("/api/app/vehicle-imports/preview", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiClient.ReadAsync<ImportPreviewDto>(response);
    }

    private static async Task<ImportResultDto> CommitThroughApiAsync(ApiClient api, Guid batchId)
    {
        using var response = await api.PostAsync($"/api/app/vehicle-imports/{batchId}/commit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiClient.ReadAsync<ImportResultDto>(response);
    }

    /// <summary>Counts the vehicle's fuel entries, service records and meter readings, straight from the tables.</summary>
    private async Task<(int FuelEntries, int ServiceRecords, int Readings)> CountAsync(Guid vehicleId)
    {
        var tenantId = await factory.GetTenantIdAsync("demo");
        return await factory.InScopeAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            return (
                await db.FuelEntries.CountAsync(f => f.VehicleId == vehicleId),
                await db.ServiceRecords.CountAsync(s => s.VehicleId == vehicleId),
                await db.MeterReadings.CountAsync(r => r.VehicleId == vehicleId));
        });
    }
}
