using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoTracker.EntityFrameworkCore.Vehicles;

// Every index on a tenant-owned table starts with TenantId, so the tenant filter and the lookup share one index.
internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> b)
    {
        b.ToTable("Vehicles");
        b.Property(v => v.Vin).HasMaxLength(VehicleConsts.VinLength);
        b.Property(v => v.VinManufacturer).HasMaxLength(128);
        b.Property(v => v.VinRegion).HasMaxLength(32);
        b.Property(v => v.Make).HasMaxLength(VehicleConsts.MaxMakeLength).IsRequired();
        b.Property(v => v.Model).HasMaxLength(VehicleConsts.MaxModelLength).IsRequired();
        b.Property(v => v.Trim).HasMaxLength(VehicleConsts.MaxTrimLength);
        b.Property(v => v.Color).HasMaxLength(VehicleConsts.MaxColorLength);
        b.Property(v => v.Plate).HasMaxLength(VehicleConsts.MaxPlateLength);
        b.Property(v => v.UnitNumber).HasMaxLength(VehicleConsts.MaxUnitNumberLength);
        b.Property(v => v.Notes).HasMaxLength(VehicleConsts.MaxNotesLength);

        b.HasIndex(v => new { v.TenantId, v.Vin }).IsUnique();
        b.HasIndex(v => new { v.TenantId, v.Make, v.Model, v.Id });
        b.HasIndex(v => new { v.TenantId, v.ModelYear, v.Id });
        b.HasIndex(v => new { v.TenantId, v.Plate, v.Id });
        b.HasIndex(v => new { v.TenantId, v.UnitNumber, v.Id });
        b.HasIndex(v => new { v.TenantId, v.Status, v.Id });
        b.HasIndex(v => new { v.TenantId, v.CreationTime, v.Id });

        // Deleting a unit leaves its vehicles unassigned, so that holders of ViewAllUnits still reach them.
        b.HasOne<AutoTracker.Identity.OrganizationUnit>().WithMany().HasForeignKey(v => v.OrganizationUnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(v => new { v.TenantId, v.OrganizationUnitId, v.Id });
    }
}

internal sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> b)
    {
        b.ToTable("MeterReadings");
        b.HasOne<Vehicle>().WithMany().HasForeignKey(r => r.VehicleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.TenantId, r.VehicleId, r.Date, r.Value });
        b.HasIndex(r => new { r.TenantId, r.SourceRecordId });
    }
}

internal sealed class FuelEntryConfiguration : IEntityTypeConfiguration<FuelEntry>
{
    public void Configure(EntityTypeBuilder<FuelEntry> b)
    {
        b.ToTable("FuelEntries");
        b.HasOne<Vehicle>().WithMany().HasForeignKey(f => f.VehicleId).OnDelete(DeleteBehavior.Cascade);
        b.Property(f => f.PricePerUnit).HasPrecision(12, 3);
        b.Property(f => f.TotalCost).HasPrecision(14, 2);
        b.Property(f => f.Vendor).HasMaxLength(VehicleConsts.MaxVendorLength);
        b.Property(f => f.Notes).HasMaxLength(VehicleConsts.MaxNotesLength);
        b.HasIndex(f => new { f.TenantId, f.VehicleId, f.Date, f.MeterValue });
    }
}

internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> b)
    {
        b.ToTable("ServiceRecords");
        b.HasOne<Vehicle>().WithMany().HasForeignKey(s => s.VehicleId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Vendor).HasMaxLength(VehicleConsts.MaxVendorLength);
        b.Property(s => s.Description).HasMaxLength(VehicleConsts.MaxDescriptionLength).IsRequired();
        b.Property(s => s.Notes).HasMaxLength(VehicleConsts.MaxNotesLength);
        b.Property(s => s.TotalCost).HasPrecision(14, 2);
        b.HasIndex(s => new { s.TenantId, s.VehicleId, s.Date });
        b.OwnsMany(s => s.Lines, l =>
        {
            l.ToTable("ServiceLines");
            l.WithOwner().HasForeignKey("ServiceRecordId");
            l.HasKey(x => x.Id);
            l.Property(x => x.Description).HasMaxLength(VehicleConsts.MaxLineDescriptionLength).IsRequired();
            l.Property(x => x.Quantity).HasPrecision(12, 3);
            l.Property(x => x.UnitCost).HasPrecision(12, 2);
            l.Property(x => x.Amount).HasPrecision(14, 2);
        });
        b.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.ToTable("ImportBatches");
        b.Property(i => i.FileName).HasMaxLength(256).IsRequired();
        b.Property(i => i.Content).IsRequired();
        b.HasIndex(i => new { i.TenantId, i.UserId, i.CreationTime });

        // Serves the clean-up of stale previews: uncommitted batches of a tenant, oldest first.
        b.HasIndex(i => new { i.TenantId, i.CommittedTime, i.CreationTime });
    }
}
