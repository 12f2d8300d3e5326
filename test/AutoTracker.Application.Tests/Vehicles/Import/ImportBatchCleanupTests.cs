using System.Text;
using AutoTracker.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles.Import;

/// <summary>
/// Expiry of stored uploads. A class of its own, because it moves the shared test clock forward a day and
/// would age the batches of other tests.
/// </summary>
public sealed class ImportBatchCleanupTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    private readonly Guid _userId = Guid.NewGuid();

    [Fact]
    public async Task PreviewAsync_AfterOneDay_DeletesStaleBatches()
    {
        var tenantId = await host.CreateTenantAsync();
        var otherTenant = await host.CreateTenantAsync();
        var vehicleId = await host.CreateVehicleAsync(tenantId);
        var otherVehicleId = await host.CreateVehicleAsync(otherTenant);
        var stale = await PreviewAsync(tenantId, vehicleId);
        var committed = await PreviewAsync(tenantId, vehicleId);
        await host.AsUserAsync(tenantId, _userId, sp => Imports(sp).CommitAsync(committed.BatchId, CancellationToken.None));
        var otherTenantsStale = await PreviewAsync(otherTenant, otherVehicleId);

        host.Clock.Advance(VehicleImportAppService.BatchLifetime + TimeSpan.FromMinutes(1));
        var expiredCommit = await Should.ThrowAsync<BusinessException>(() =>
            host.AsUserAsync(tenantId, _userId, sp => Imports(sp).CommitAsync(stale.BatchId, CancellationToken.None)));
        var fresh = await PreviewAsync(tenantId, vehicleId);

        expiredCommit.Code.ShouldBe(ErrorCodes.ImportExpired);
        await Should.ThrowAsync<EntityNotFoundException>(() =>
            host.AsUserAsync(tenantId, _userId, sp => Imports(sp).GetProgressAsync(stale.BatchId, CancellationToken.None)));
        (await ProgressAsync(tenantId, committed.BatchId)).Completed.ShouldBeTrue();
        (await ProgressAsync(tenantId, fresh.BatchId)).Completed.ShouldBeFalse();

        // The clean-up runs for the tenant that previews; another tenant's stale batch waits for its own preview.
        (await ProgressAsync(otherTenant, otherTenantsStale.BatchId)).Completed.ShouldBeFalse();
    }

    private static IVehicleImportAppService Imports(IServiceProvider services) => services.GetRequiredService<IVehicleImportAppService>();

    private Task<ImportProgressDto> ProgressAsync(Guid tenantId, Guid batchId) =>
        host.AsUserAsync(tenantId, _userId, sp => Imports(sp).GetProgressAsync(batchId, CancellationToken.None));

    private Task<ImportPreviewDto> PreviewAsync(Guid tenantId, Guid vehicleId)
    {
        var upload = new ImportUploadDto { Format = ImportFormat.LubeLogger, RecordKind = ImportRecordKind.FuelEntries, VehicleId = vehicleId, FileName = "fuel.csv" };
        var content = new MemoryStream(Encoding.UTF8.GetBytes(ImportTestData.Read(ImportTestData.LubeLoggerFuel)));
        return host.AsUserAsync(tenantId, _userId, sp => Imports(sp).PreviewAsync(upload, content, CancellationToken.None));
    }
}
