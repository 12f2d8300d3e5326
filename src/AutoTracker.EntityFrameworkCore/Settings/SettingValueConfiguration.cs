using AutoTracker.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoTracker.EntityFrameworkCore.Settings;

internal sealed class SettingValueConfiguration : IEntityTypeConfiguration<SettingValue>
{
    public void Configure(EntityTypeBuilder<SettingValue> b)
    {
        b.ToTable("SettingValues");
        b.Property(s => s.Name).HasMaxLength(SettingConsts.MaxNameLength).IsRequired();
        b.Property(s => s.Value).HasMaxLength(SettingConsts.MaxValueLength).IsRequired();

        // Host defaults have a null TenantId, which a unique index does not compare, so writers of settings take a
        // database lock as well.
        b.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
    }
}
