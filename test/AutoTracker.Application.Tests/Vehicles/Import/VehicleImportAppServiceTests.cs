using System.Text;
using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles.Import;

/// <summary>Preview, commit and progress of uploads, with the uploader and the tenant checked at every step.</summary>
public sealed class VehicleImportAppServiceTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private readonly Guid _userId = Guid.NewGuid();

    [Fact]
    public async Task PreviewAsync_KilometreVehicle_ShowsConvertedSamples()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);

        var preview = await PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel));

        preview.Errors.ShouldBeEmpty();
        preview.ErrorCount.ShouldBe(0);
        preview.RowCount.ShouldBe(109);
        preview.SkippedRowCount.ShouldBe(0);
        preview.TotalCost.ShouldBe(3611.25m);
        preview.CanCommit.ShouldBeTrue();
        preview.FileName.ShouldBe("fuel.csv");
        preview.SampleRows.Count.ShouldBe(ImportLimits.SampleRowCount);
        var first = preview.SampleRows[0];
        first["row"].ShouldBe("2");
        first["date"].ShouldBe("2020-05-08");
        first["meter"].ShouldBe("329651.6");
        first["quantity"].ShouldBe("8.331");
        first["unit"].ShouldBe("UsGallons");
        first["total_cost"].ShouldBe("16.24");
        first["full_tank"].ShouldBe("true");

        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewAsync_FuellyFuel_CountsSkippedServiceRows()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var upload = new ImportUploadDto { Format = ImportFormat.Fuelly, RecordKind = ImportRecordKind.FuelEntries, VehicleId = vehicleId, FileName = "fuelly.csv" };

        var preview = await PreviewAsync(tenantId, upload, ImportTestData.Read(ImportTestData.Fuelly));

        preview.Errors.ShouldBeEmpty();
        preview.RowCount.ShouldBe(109);
        preview.SkippedRowCount.ShouldBe(22);
        preview.TotalCost.ShouldBe(3611.25m);
    }

    [Fact]
    public async Task PreviewAsync_FileWithErrors_BlocksCommit()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.ReplaceField(ImportTestData.Read(ImportTestData.LubeLoggerFuel), row: 50, fieldIndex: 0, "13/45/2020");

        var preview = await PreviewAsync(tenantId, FuelUpload(vehicleId), content);
        var reread = await host.AsUserAsync(tenantId, _userId, sp => Imports(sp).GetPreviewAsync(preview.BatchId, CancellationToken.None));

        preview.CanCommit.ShouldBeFalse();
        preview.ErrorCount.ShouldBe(1);
        preview.RowCount.ShouldBe(109);
        reread.Errors.ShouldBe(preview.Errors);
        var exception = await Should.ThrowAsync<BusinessException>(() => CommitAsync(tenantId, preview.BatchId));
        exception.Code.ShouldBe(ErrorCodes.ImportInvalid);
        exception.Message.ShouldContain("row 50, column 'Date'");
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewAsync_ByteOrderMark_IsDropped()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes(ImportTestData.Read(ImportTestData.LubeLoggerFuel))).ToArray();

        var preview = await host.AsUserAsync(tenantId, _userId, sp => Imports(sp).PreviewAsync(FuelUpload(vehicleId), new MemoryStream(bytes), CancellationToken.None));

        preview.Errors.ShouldBeEmpty();
        preview.RowCount.ShouldBe(109);
    }

    [Fact]
    public async Task PreviewAsync_InvalidUtf8_RejectsFile()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("Date,Odometer,FuelConsumed,Cost,Notes\n5/8/2020,204836,8.331,16.24,Caf"), 0xE9, (byte)'\n'];

        var exception = await Should.ThrowAsync<InputValidationException>(() =>
            host.AsUserAsync(tenantId, _userId, sp => Imports(sp).PreviewAsync(FuelUpload(vehicleId), new MemoryStream(latin1), CancellationToken.None)));

        exception.Errors["File"].ShouldBe(["The file is not UTF-8 text; save it as CSV UTF-8 and upload it again."]);
        (await CountBatchesAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task PreviewAsync_FileOverSizeLimit_RejectsFile()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = ImportTestData.Read(ImportTestData.LubeLoggerFuel) + new string(' ', ImportLimits.MaxFileBytes);

        var exception = await Should.ThrowAsync<InputValidationException>(() => PreviewAsync(tenantId, FuelUpload(vehicleId), content));

        exception.Errors["File"].ShouldBe(["The file is larger than 2 MB; split it into smaller files."]);
        (await CountBatchesAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task PreviewAsync_LubeLoggerVehicles_RejectsUpload()
    {
        var tenantId = await host.CreateTenantAsync();
        var upload = new ImportUploadDto { Format = ImportFormat.LubeLogger, RecordKind = ImportRecordKind.Vehicles, FileName = "vehicles.csv" };

        var exception = await Should.ThrowAsync<InputValidationException>(() => PreviewAsync(tenantId, upload, ImportTestData.Read(ImportTestData.LubeLoggerFuel)));

        exception.Errors[nameof(ImportUploadDto.RecordKind)].ShouldBe(["LubeLogger files hold no vehicles; choose the AutoTracker format to import vehicles."]);
    }

    [Fact]
    public async Task PreviewAsync_WithoutSignedInUser_Rejects()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var content = new MemoryStream(Encoding.UTF8.GetBytes(ImportTestData.Read(ImportTestData.LubeLoggerFuel)));

        var exception = await Should.ThrowAsync<Authorization.AuthorizationException>(() =>
            host.InTenantAsync(tenantId, sp => Imports(sp).PreviewAsync(FuelUpload(vehicleId), content, CancellationToken.None)));

        exception.IsAuthenticated.ShouldBeFalse();
        exception.PermissionName.ShouldBe(Permissions.AutoTrackerPermissions.Vehicles.Import);
    }

    [Fact]
    public async Task CommitAsync_ValidBatch_RecordsCommitTime()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var preview = await PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel));

        var result = await CommitAsync(tenantId, preview.BatchId);

        result.BatchId.ShouldBe(preview.BatchId);
        result.ImportedCount.ShouldBe(109);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.Count.ShouldBe(109);
        stored.Readings.Count.ShouldBe(109);
        var batch = await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().ImportBatches.SingleAsync(b => b.Id == preview.BatchId));
        batch.CommittedTime.ShouldBe(host.Clock.GetUtcNow().UtcDateTime);
        batch.UserId.ShouldBe(_userId);
        batch.RowCount.ShouldBe(109);
    }

    [Fact]
    public async Task CommitAsync_Twice_SecondFails()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var preview = await PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel));
        await CommitAsync(tenantId, preview.BatchId);

        var exception = await Should.ThrowAsync<BusinessException>(() => CommitAsync(tenantId, preview.BatchId));

        exception.Code.ShouldBe(ErrorCodes.ImportCommitted);
        exception.Message.ShouldStartWith("This file was already imported on ");
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.Count.ShouldBe(109);
    }

    [Fact]
    public async Task CommitAsync_DataChangedSincePreview_ImportsNothing()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var preview = await PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel));
        preview.CanCommit.ShouldBeTrue();

        // A reading entered after the preview, higher than every fill-up in the file that follows it.
        await host.AsAdminAsync(tenantId, sp => sp.GetRequiredService<IMeterReadingAppService>().CreateAsync(
            vehicleId, new CreateMeterReadingDto { Date = new DateOnly(2020, 1, 1), Value = 300_000 }, CancellationToken.None));

        var exception = await Should.ThrowAsync<BusinessException>(() => CommitAsync(tenantId, preview.BatchId));

        exception.Code.ShouldBe(ErrorCodes.ImportInvalid);
        exception.Message.ShouldContain("(109 errors; the first is in row 2, column 'Odometer'");
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.ShouldBeEmpty();
        stored.Readings.ShouldHaveSingleItem().Source.ShouldBe(MeterReadingSource.Manual);
        var progress = await host.AsUserAsync(tenantId, _userId, sp => Imports(sp).GetProgressAsync(preview.BatchId, CancellationToken.None));
        progress.Completed.ShouldBeFalse();
    }

    [Fact]
    public async Task CommitAsync_AnotherUsersBatch_ThrowsNotFound()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var preview = await PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel));
        var otherUser = Guid.NewGuid();

        await Should.ThrowAsync<EntityNotFoundException>(() =>
            host.AsUserAsync(tenantId, otherUser, sp => Imports(sp).CommitAsync(preview.BatchId, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() =>
            host.AsUserAsync(tenantId, otherUser, sp => Imports(sp).GetPreviewAsync(preview.BatchId, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() =>
            host.AsUserAsync(tenantId, otherUser, sp => Imports(sp).GetProgressAsync(preview.BatchId, CancellationToken.None)));

        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetProgressAsync_AnotherTenantsBatch_ThrowsNotFound()
    {
        var tenantId = await host.CreateTenantAsync();
        var otherTenant = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var preview = await PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel));

        // The same user id in another tenant still must not reach the batch.
        await Should.ThrowAsync<EntityNotFoundException>(() =>
            host.AsUserAsync(otherTenant, _userId, sp => Imports(sp).GetProgressAsync(preview.BatchId, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() =>
            host.AsUserAsync(otherTenant, _userId, sp => Imports(sp).GetPreviewAsync(preview.BatchId, CancellationToken.None)));
        await Should.ThrowAsync<EntityNotFoundException>(() =>
            host.AsUserAsync(otherTenant, _userId, sp => Imports(sp).CommitAsync(preview.BatchId, CancellationToken.None)));

        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewAsync_AnotherTenantsVehicle_ThrowsNotFound()
    {
        var tenantId = await host.CreateTenantAsync();
        var otherTenant = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(otherTenant);

        await Should.ThrowAsync<EntityNotFoundException>(() => PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel)));

        (await CountBatchesAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task GetProgressAsync_AfterCommit_IsCompleted()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId, MeterUnit.Kilometers);
        var upload = new ImportUploadDto { Format = ImportFormat.AutoTracker, RecordKind = ImportRecordKind.FuelEntries, VehicleId = vehicleId, FileName = "large.csv" };
        var preview = await PreviewAsync(tenantId, upload, ImportTestData.AutoTrackerFuelFile(1200));

        var before = await host.AsUserAsync(tenantId, _userId, sp => Imports(sp).GetProgressAsync(preview.BatchId, CancellationToken.None));
        await CommitAsync(tenantId, preview.BatchId);
        var after = await host.AsUserAsync(tenantId, _userId, sp => Imports(sp).GetProgressAsync(preview.BatchId, CancellationToken.None));

        before.ShouldBe(new ImportProgressDto(preview.BatchId, 0, 1200, Completed: false));
        after.ShouldBe(new ImportProgressDto(preview.BatchId, 1200, 1200, Completed: true));
        (await host.LoadStoredAsync(tenantId, vehicleId)).FuelEntries.Count.ShouldBe(1200);
    }

    [Fact]
    public async Task CommitAsync_MaintenanceAfterFuelLog_ImportsBoth()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var fuel = await PreviewAsync(tenantId, FuelUpload(vehicleId), ImportTestData.Read(ImportTestData.LubeLoggerFuel));
        await CommitAsync(tenantId, fuel.BatchId);
        var maintenance = ImportTestData.Read(ImportTestData.LubeLoggerMaintenance);

        // The maintenance log's odometers lag the fuel log's, so as meter readings they contradict it.
        var withReadings = await PreviewAsync(tenantId, MaintenanceUpload(vehicleId, serviceOdometersAsNotes: false), maintenance);
        var asNotes = await PreviewAsync(tenantId, MaintenanceUpload(vehicleId, serviceOdometersAsNotes: true), maintenance);
        var result = await CommitAsync(tenantId, asNotes.BatchId);

        withReadings.CanCommit.ShouldBeFalse();
        withReadings.Errors.ShouldAllBe(e => e.Column == "Odometer");
        withReadings.ServiceOdometersAsNotes.ShouldBeFalse();
        asNotes.Errors.ShouldBeEmpty();
        asNotes.RowCount.ShouldBe(69);
        asNotes.ServiceOdometersAsNotes.ShouldBeTrue();
        result.ImportedCount.ShouldBe(69);
        var stored = await host.LoadStoredAsync(tenantId, vehicleId);
        stored.FuelEntries.Count.ShouldBe(109);
        stored.ServiceRecords.Count.ShouldBe(69);
        stored.ServiceRecords.ShouldAllBe(s => s.MeterValue == null);
        stored.ServiceRecords[0].Notes!.ShouldEndWith("Odometer as logged: 204603 mi");
        stored.Readings.Count.ShouldBe(109);
        stored.Readings.ShouldAllBe(r => r.Source == MeterReadingSource.FuelEntry);
        stored.Vehicle.CurrentMeter.ShouldBe(222647);
        var batch = await host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().ImportBatches.SingleAsync(b => b.Id == asNotes.BatchId));
        batch.ServiceOdometersAsNotes.ShouldBeTrue();
    }

    [Fact]
    public async Task PreviewAsync_OdometersAsNotesForFuel_IsIgnored()
    {
        var tenantId = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var upload = FuelUpload(vehicleId);
        upload.ServiceOdometersAsNotes = true;

        var preview = await PreviewAsync(tenantId, upload, ImportTestData.Read(ImportTestData.LubeLoggerFuel));

        preview.ServiceOdometersAsNotes.ShouldBeFalse();
        preview.Errors.ShouldBeEmpty();
    }

    private static ImportUploadDto MaintenanceUpload(Guid vehicleId, bool serviceOdometersAsNotes) => new()
    {
        Format = ImportFormat.LubeLogger,
        RecordKind = ImportRecordKind.ServiceRecords,
        VehicleId = vehicleId,
        FileName = "maintenance.csv",
        ServiceOdometersAsNotes = serviceOdometersAsNotes,
    };

    private static IVehicleImportAppService Imports(IServiceProvider services) => services.GetRequiredService<IVehicleImportAppService>();

    private static ImportUploadDto FuelUpload(Guid vehicleId) => new()
    {
        Format = ImportFormat.LubeLogger,
        RecordKind = ImportRecordKind.FuelEntries,
        VehicleId = vehicleId,
        FileName = "fuel.csv",
    };

    private Task<ImportPreviewDto> PreviewAsync(Guid tenantId, ImportUploadDto upload, string content) =>
        host.AsUserAsync(tenantId, _userId, sp => Imports(sp).PreviewAsync(upload, new MemoryStream(Encoding.UTF8.GetBytes(content)), CancellationToken.None));

    private Task<ImportResultDto> CommitAsync(Guid tenantId, Guid batchId) =>
        host.AsUserAsync(tenantId, _userId, sp => Imports(sp).CommitAsync(batchId, CancellationToken.None));

    private Task<int> CountBatchesAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, sp => sp.GetRequiredService<AutoTrackerDbContext>().ImportBatches.CountAsync());
}
