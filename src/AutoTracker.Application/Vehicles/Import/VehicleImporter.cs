namespace AutoTracker.Vehicles.Import;

/// <summary>Outcome of an import: how many records were saved, or the errors that stopped it.</summary>
public sealed record ImportOutcome(int ImportedCount, IReadOnlyList<ImportErrorDto> Errors, decimal TotalCost);

// TODO: placeholder until the CSV import lands; it must not be merged as is.
public sealed class VehicleImporter
{
    public Task<ImportOutcome> ImportAsync(ImportFormat format, ImportRecordKind kind, Guid? vehicleId, string content, CancellationToken cancellationToken) =>
        Task.FromResult(new ImportOutcome(0, [], 0m));
}

public sealed class VehicleImportAppService : IVehicleImportAppService
{
    public Task<ImportPreviewDto> PreviewAsync(ImportUploadDto input, Stream content, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<ImportPreviewDto> GetPreviewAsync(Guid batchId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<ImportResultDto> CommitAsync(Guid batchId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<ImportProgressDto> GetProgressAsync(Guid batchId, CancellationToken cancellationToken) => throw new NotImplementedException();
}
