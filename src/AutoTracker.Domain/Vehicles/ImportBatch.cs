using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Vehicles;

/// <summary>
/// An uploaded CSV file between its preview and its commit. The file is kept in the database, not on one
/// web server's disk, so the commit may reach any node.
/// </summary>
public sealed class ImportBatch : AggregateRoot, IMultiTenant
{
    private ImportBatch()
        : base(Guid.Empty)
    {
        FileName = string.Empty;
        Content = string.Empty;
    }

    public ImportBatch(
        Guid id,
        Guid userId,
        ImportFormat format,
        ImportRecordKind recordKind,
        Guid? vehicleId,
        string fileName,
        string content,
        MeterUnit? distanceUnit = null,
        FuelUnit? volumeUnit = null,
        bool serviceOdometersAsNotes = false)
        : base(id)
    {
        UserId = userId;
        Format = format;
        RecordKind = recordKind;
        VehicleId = vehicleId;
        FileName = fileName;
        Content = content;
        DistanceUnit = distanceUnit;
        VolumeUnit = volumeUnit;
        ServiceOdometersAsNotes = serviceOdometersAsNotes;
    }

    public Guid? TenantId { get; private set; }

    /// <summary>The user who uploaded the file; only that user may commit it.</summary>
    public Guid UserId { get; private set; }

    public ImportFormat Format { get; private set; }

    public ImportRecordKind RecordKind { get; private set; }

    /// <summary>Vehicle that fuel entries or service records are imported into; null for vehicle imports.</summary>
    public Guid? VehicleId { get; private set; }

    /// <summary>Display name of the upload; never used as a path.</summary>
    public string FileName { get; private set; }

    public string Content { get; private set; }

    /// <summary>Unit of the file's odometer values as the uploader chose it; null for the layout's default.</summary>
    public MeterUnit? DistanceUnit { get; private set; }

    /// <summary>Unit of the file's fuel quantities as the uploader chose it; null for the layout's default.</summary>
    public FuelUnit? VolumeUnit { get; private set; }

    /// <summary>The service records' odometer values go into their notes instead of the meter history, as the uploader chose.</summary>
    public bool ServiceOdometersAsNotes { get; private set; }

    public int RowCount { get; set; }

    public int ErrorCount { get; set; }

    public DateTime? CommittedTime { get; set; }
}
