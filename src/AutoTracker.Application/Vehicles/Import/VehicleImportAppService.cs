using System.Text;
using AutoTracker.Application;
using AutoTracker.Authorization;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.Permissions;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace AutoTracker.Vehicles.Import;

/// <summary>
/// Uploads in two steps: a preview stores the file as an <see cref="ImportBatch"/> and shows what it would import,
/// then the uploader commits it once. Every step re-reads the stored file, so any web node can serve any step.
/// </summary>
public sealed partial class VehicleImportAppService(
    IRepository<ImportBatch> batches,
    IPermissionChecker permissions,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    IDistributedCache cache,
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    TimeProvider timeProvider,
    VehicleImporter importer,
    VehicleVisibility visibility,
    TenantManagement.TenantLimitChecker limits,
    ILogger<VehicleImportAppService> logger) : IVehicleImportAppService
{
    /// <summary>How long an uncommitted upload can be committed; the tenant's next preview deletes older ones.</summary>
    public static readonly TimeSpan BatchLifetime = TimeSpan.FromHours(24);

    /// <summary>Most stale batches one preview deletes, so the clean-up stays a short statement.</summary>
    private const int MaxStaleBatchesDeleted = 100;

    /// <summary>The upload form's file field, which content errors are reported on.</summary>
    private const string FileField = "File";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ImportProgressStore _progress = new(cache, currentTenant);

    public async Task<ImportPreviewDto> PreviewAsync(ImportUploadDto input, Stream content, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Import, cancellationToken);
        InputValidator.Validate(input);
        await permissions.CheckAsync(AutoTrackerPermissions.CreatePermissionFor(input.RecordKind), cancellationToken);
        var userId = RequireUserId();
        if (input.RecordKind == ImportRecordKind.Vehicles && input.Format != ImportFormat.AutoTracker)
        {
            throw new InputValidationException(nameof(input.RecordKind), $"{input.Format} files hold no vehicles; choose the AutoTracker format to import vehicles.");
        }

        if (input.RecordKind == ImportRecordKind.Vehicles)
        {
            // Imported vehicles are unassigned, so a user who would not see them may not import them.
            await visibility.EnsureAssignableAsync(null, nameof(input.RecordKind), cancellationToken);
        }

        Guid? vehicleId = null;
        if (input.RecordKind != ImportRecordKind.Vehicles)
        {
            vehicleId = input.VehicleId ?? throw new InputValidationException(nameof(input.VehicleId), "Choose the vehicle that receives the imported records.");
        }

        var text = await ReadContentAsync(content, cancellationToken);
        var serviceOdometersAsNotes = input.RecordKind == ImportRecordKind.ServiceRecords && input.ServiceOdometersAsNotes;
        var batch = new ImportBatch(
            Guid.NewGuid(),
            userId,
            input.Format,
            input.RecordKind,
            vehicleId,
            input.FileName.Trim(),
            text,
            input.DistanceUnit,
            input.VolumeUnit,
            serviceOdometersAsNotes);
        await EnsureVehicleVisibleAsync(batch, cancellationToken);
        var check = await importer.CheckAsync(ToRequest(batch), cancellationToken);
        batch.RowCount = check.RecordCount;
        batch.ErrorCount = check.ErrorCount;

        await DeleteStaleBatchesAsync(cancellationToken);
        batches.Insert(batch);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        LogPreviewStored(logger, batch.Id, currentTenant.Id, batch.RowCount, batch.ErrorCount);
        return ToPreview(batch, check);
    }

    public async Task<ImportPreviewDto> GetPreviewAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Import, cancellationToken);
        var batch = await GetOwnBatchAsync(batchId, RequireUserId(), cancellationToken);
        await EnsureVehicleVisibleAsync(batch, cancellationToken);
        var check = await importer.CheckAsync(ToRequest(batch), cancellationToken);
        return ToPreview(batch, check);
    }

    public async Task<ImportResultDto> CommitAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Import, cancellationToken);
        var batch = await GetOwnBatchAsync(batchId, RequireUserId(), cancellationToken);
        await permissions.CheckAsync(AutoTrackerPermissions.CreatePermissionFor(batch.RecordKind), cancellationToken);
        if (batch.CommittedTime is { } committedTime)
        {
            throw new BusinessException(
                ErrorCodes.ImportCommitted,
                $"This file was already imported on {committedTime:yyyy-MM-dd HH:mm} UTC; upload it again to import its records a second time.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (batch.CreationTime < now - BatchLifetime)
        {
            throw new BusinessException(ErrorCodes.ImportExpired, "The preview is more than 24 hours old and can no longer be committed; upload the file again.");
        }

        await EnsureVehicleVisibleAsync(batch, cancellationToken);
        ImportOutcome outcome;

        // A vehicle import keeps the tenant's vehicle count section open from before its transaction until after
        // the commit, so that parallel imports and creates cannot pass the tenant's vehicle limit together.
        await using (batch.RecordKind == ImportRecordKind.Vehicles ? await limits.LockVehicleCountAsync(cancellationToken) : null)
        {
            await _progress.WriteAsync(new ImportProgressDto(batchId, 0, batch.RowCount, Completed: false), cancellationToken);
            try
            {
                // The batch is marked in the same transaction as the records, so a second commit that raced this one
                // fails on the batch's concurrency stamp and saves nothing.
                outcome = await unitOfWork.RunInTransactionAsync(
                    async ct =>
                    {
                        var result = await importer.ImportAsync(
                            ToRequest(batch),
                            (processed, total, progressToken) => _progress.WriteAsync(new ImportProgressDto(batchId, processed, total, Completed: false), progressToken),
                            ct);
                        if (result.Errors.Count == 0)
                        {
                            batch.CommittedTime = now;
                            batch.RowCount = result.ImportedCount;
                            batch.ErrorCount = 0;
                        }

                        return result;
                    },
                    cancellationToken);
            }
            catch
            {
                await _progress.RemoveAsync(batchId, CancellationToken.None);
                throw;
            }
        }

        if (outcome.Errors.Count > 0)
        {
            await _progress.RemoveAsync(batchId, cancellationToken);
            var first = outcome.Errors[0];
            throw new BusinessException(
                ErrorCodes.ImportInvalid,
                $"Nothing was imported, because the file no longer passes the checks against the current data ({outcome.Errors.Count} errors; the first is in row {first.Row}, column '{first.Column}': {first.Message}). Open the preview again to see all of them.");
        }

        await _progress.WriteAsync(new ImportProgressDto(batchId, outcome.ImportedCount, outcome.ImportedCount, Completed: true), cancellationToken);
        LogCommitted(logger, batchId, currentTenant.Id, outcome.ImportedCount);
        return new ImportResultDto(batchId, outcome.ImportedCount);
    }

    /// <summary>
    /// Throws <see cref="EntityNotFoundException"/> when the batch imports into a vehicle that the current user does
    /// not see, exactly as for a random vehicle id. The importer itself reads vehicles without that rule.
    /// </summary>
    private async Task EnsureVehicleVisibleAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        if (batch.VehicleId is { } vehicleId)
        {
            await visibility.GetAsync(vehicleId, cancellationToken);
        }
    }

    public async Task<ImportProgressDto> GetProgressAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(AutoTrackerPermissions.Vehicles.Import, cancellationToken);
        var userId = RequireUserId();

        // A projection, so that polling does not load the stored file each time.
        var state = await executor.FirstOrDefaultAsync(
            batches.Query().Where(b => b.Id == batchId && b.UserId == userId).Select(b => new BatchState(b.RowCount, b.CommittedTime)),
            cancellationToken) ?? throw new EntityNotFoundException(typeof(ImportBatch), batchId);

        var running = await _progress.ReadAsync(batchId, cancellationToken);
        if (running is not null)
        {
            return running;
        }

        return state.CommittedTime is null
            ? new ImportProgressDto(batchId, 0, state.RowCount, Completed: false)
            : new ImportProgressDto(batchId, state.RowCount, state.RowCount, Completed: true);
    }

    private Guid RequireUserId() =>
        currentUser.Id ?? throw new BusinessException(ErrorCodes.ImportUserRequired, "Sign in to import files; an import belongs to the user who uploads it.");

    /// <summary>Loads a batch of the current tenant that the user uploaded; anyone else's batch looks as if it did not exist.</summary>
    private async Task<ImportBatch> GetOwnBatchAsync(Guid batchId, Guid userId, CancellationToken cancellationToken)
    {
        var batch = await batches.GetAsync(batchId, cancellationToken);
        return batch.UserId == userId ? batch : throw new EntityNotFoundException(typeof(ImportBatch), batchId);
    }

    private async Task DeleteStaleBatchesAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime - BatchLifetime;
        // The ids are read first: MySQL and MariaDB reject a DELETE whose subquery reads the same table with a LIMIT.
        var staleIds = await executor.ToListAsync(
            batches.Query()
                .Where(b => b.CommittedTime == null && b.CreationTime < cutoff)
                .OrderBy(b => b.CreationTime)
                .Take(MaxStaleBatchesDeleted)
                .Select(b => b.Id),
            cancellationToken);
        if (staleIds.Count == 0)
        {
            return;
        }

        var deleted = await executor.ExecuteDeleteAsync(batches.Query().Where(b => staleIds.Contains(b.Id)), cancellationToken);
        if (deleted > 0)
        {
            LogStaleBatchesDeleted(logger, deleted, currentTenant.Id);
        }
    }

    /// <summary>Reads at most <see cref="ImportLimits.MaxFileBytes"/> of UTF-8 text; a byte order mark is dropped.</summary>
    private static async Task<string> ReadContentAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ImportLimits.MaxFileBytes)
            {
                throw new InputValidationException(FileField, $"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB; split it into smaller files.");
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var bom = Encoding.UTF8.Preamble;
        if (bytes.StartsWith(bom))
        {
            bytes = bytes[bom.Length..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputValidationException(FileField, "The file is not UTF-8 text; save it as CSV UTF-8 and upload it again.");
        }

        if (text.Contains('\0'))
        {
            throw new InputValidationException(FileField, "The file contains binary data, not CSV text; save it as CSV UTF-8 and upload it again.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputValidationException(FileField, "The file is empty.");
        }

        return text;
    }

    private static ImportRequest ToRequest(ImportBatch batch) => new(
        batch.Format,
        batch.RecordKind,
        batch.VehicleId,
        batch.Content,
        new ImportOptions { DistanceUnit = batch.DistanceUnit, VolumeUnit = batch.VolumeUnit, ServiceOdometersAsNotes = batch.ServiceOdometersAsNotes });

    private static ImportPreviewDto ToPreview(ImportBatch batch, ImportCheck check) => new()
    {
        BatchId = batch.Id,
        Format = batch.Format,
        RecordKind = batch.RecordKind,
        FileName = batch.FileName,
        RowCount = check.RecordCount,
        SkippedRowCount = check.SkippedCount,
        ErrorCount = check.ErrorCount,
        Errors = check.Errors,
        SampleRows = check.SampleRows(ImportLimits.SampleRowCount),
        TotalCost = check.TotalCost,
        CommittedTime = batch.CommittedTime,
        ServiceOdometersAsNotes = batch.ServiceOdometersAsNotes,
    };

    private sealed record BatchState(int RowCount, DateTime? CommittedTime);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Stored import batch {BatchId} of tenant {TenantId}: {RowCount} rows, {ErrorCount} errors")]
    private static partial void LogPreviewStored(ILogger logger, Guid batchId, Guid? tenantId, int rowCount, int errorCount);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Committed import batch {BatchId} of tenant {TenantId}: {ImportedCount} records")]
    private static partial void LogCommitted(ILogger logger, Guid batchId, Guid? tenantId, int importedCount);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Deleted {Count} uncommitted import batches older than 24 hours of tenant {TenantId}")]
    private static partial void LogStaleBatchesDeleted(ILogger logger, int count, Guid? tenantId);
}
