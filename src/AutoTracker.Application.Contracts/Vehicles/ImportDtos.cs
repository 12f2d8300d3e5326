using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Vehicles;

/// <summary>
/// A problem in one cell of an import file. <see cref="Row"/> counts records as a spreadsheet shows them: the header
/// is row 1 and the first record row 2, even when a quoted field spans several lines. Column is the header name
/// as the file spells it, or the position's name for layouts read by position.
/// Row 0 marks a problem with the whole file, such as a unit that cannot be converted.
/// </summary>
public sealed record ImportErrorDto(int Row, string Column, string Message);

/// <summary>Limits of an import upload, shared by the API and the application service.</summary>
public static class ImportLimits
{
    /// <summary>Largest CSV file accepted, in bytes; the Jeep's four-year fuel log is about 5 KB.</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>Largest upload request: the file plus room for the other form fields and the multipart headers.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (64 * 1024);

    /// <summary>Number of converted rows a preview shows.</summary>
    public const int SampleRowCount = 10;
}

public sealed class ImportPreviewDto
{
    public Guid BatchId { get; init; }

    public ImportFormat Format { get; init; }

    public ImportRecordKind RecordKind { get; init; }

    public string FileName { get; init; } = string.Empty;

    /// <summary>Records of the kind being imported, with or without errors.</summary>
    public int RowCount { get; init; }

    /// <summary>Records of another kind that the file contains and the import leaves out, such as Fuelly's Service rows in a fuel import.</summary>
    public int SkippedRowCount { get; init; }

    /// <summary>Number of errors; <see cref="Errors"/> lists at most the first thousand of them.</summary>
    public int ErrorCount { get; init; }

    public IReadOnlyList<ImportErrorDto> Errors { get; init; } = [];

    /// <summary>The first rows as they will be saved, converted to the vehicle's units.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> SampleRows { get; init; } = [];

    /// <summary>Sum of the total costs of the rows without errors.</summary>
    public decimal TotalCost { get; init; }

    /// <summary>UTC time at which the batch was imported; null while it waits for its commit.</summary>
    public DateTime? CommittedTime { get; init; }

    /// <summary>The service records' odometer values go into their notes instead of the meter history.</summary>
    public bool ServiceOdometersAsNotes { get; init; }

    public bool CanCommit => Errors.Count == 0 && RowCount > 0 && CommittedTime is null;
}

public sealed class ImportUploadDto
{
    [EnumDataType(typeof(ImportFormat))]
    public ImportFormat Format { get; set; }

    [EnumDataType(typeof(ImportRecordKind))]
    public ImportRecordKind RecordKind { get; set; }

    /// <summary>Vehicle that receives fuel entries or service records; not used for vehicle imports.</summary>
    public Guid? VehicleId { get; set; }

    [Required]
    [StringLength(256)]
    public string FileName { get; set; } = string.Empty;

    /// <summary>Unit of the file's odometer values; converted to the vehicle's meter unit. Defaults to miles for LubeLogger and Fuelly files.</summary>
    [EnumDataType(typeof(MeterUnit))]
    public MeterUnit? DistanceUnit { get; set; }

    /// <summary>Unit of the file's fuel quantities; defaults to US gallons for LubeLogger and Fuelly files.</summary>
    [EnumDataType(typeof(FuelUnit))]
    public FuelUnit? VolumeUnit { get; set; }

    /// <summary>
    /// Puts each service record's odometer value into its notes ("Odometer as logged: 204603 mi") instead of
    /// adding it to the meter history, for a maintenance log whose odometers disagree with the vehicle's fuel
    /// log. Only service record imports read it.
    /// </summary>
    public bool ServiceOdometersAsNotes { get; set; }
}

public sealed record ImportResultDto(Guid BatchId, int ImportedCount);

/// <summary>Progress of a running commit, readable from any web node through the distributed cache.</summary>
public sealed record ImportProgressDto(Guid BatchId, int Processed, int Total, bool Completed);

public interface IVehicleImportAppService
{
    /// <summary>Parses and checks an upload without saving any record, and keeps the file for <see cref="CommitAsync"/>.</summary>
    Task<ImportPreviewDto> PreviewAsync(ImportUploadDto input, Stream content, CancellationToken cancellationToken);

    Task<ImportPreviewDto> GetPreviewAsync(Guid batchId, CancellationToken cancellationToken);

    /// <summary>Saves every row of a previewed file in one transaction, or none if any row fails.</summary>
    Task<ImportResultDto> CommitAsync(Guid batchId, CancellationToken cancellationToken);

    Task<ImportProgressDto> GetProgressAsync(Guid batchId, CancellationToken cancellationToken);
}
