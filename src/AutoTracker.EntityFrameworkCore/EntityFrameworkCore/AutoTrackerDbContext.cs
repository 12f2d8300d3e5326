using System.Linq.Expressions;
using AutoTracker.Domain;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.PermissionManagement;
using AutoTracker.TenantManagement;
using AutoTracker.Vehicles;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// The one DbContext of the application. Every <see cref="IMultiTenant"/> set is filtered to the current
/// tenant by a global query filter that reads <see cref="ICurrentTenant"/> at query time.
/// </summary>
public class AutoTrackerDbContext(DbContextOptions<AutoTrackerDbContext> options, ICurrentTenant currentTenant)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ReservedTenantName> ReservedTenantNames => Set<ReservedTenantName>();

    public DbSet<CrossTenantAccessRecord> CrossTenantAccessRecords => Set<CrossTenantAccessRecord>();

    public DbSet<Vehicle> Vehicles => Set<Vehicle>();

    public DbSet<MeterReading> MeterReadings => Set<MeterReading>();

    public DbSet<FuelEntry> FuelEntries => Set<FuelEntry>();

    public DbSet<ServiceRecord> ServiceRecords => Set<ServiceRecord>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    public DbSet<OrganizationUnit> OrganizationUnits => Set<OrganizationUnit>();

    public DbSet<UserOrganizationUnit> UserOrganizationUnits => Set<UserOrganizationUnit>();

    public DbSet<OrganizationUnitRole> OrganizationUnitRoles => Set<OrganizationUnitRole>();

    public DbSet<PermissionGrant> PermissionGrants => Set<PermissionGrant>();

    public DbSet<AutoTracker.Settings.SettingValue> SettingValues => Set<AutoTracker.Settings.SettingValue>();

    /// <summary>Name of the query filter that limits tenant-owned sets to the current tenant.</summary>
    public const string TenantFilterName = "Tenant";

    // Read by the query filters on every query; EF Core parameterizes context members, so the cached model is shared.
    internal Guid? CurrentTenantId => currentTenant.Id;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // Times are stored in UTC; reading them back marks them as UTC so they serialize with a Z.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.ApplyConfigurationsFromAssembly(typeof(AutoTrackerDbContext).Assembly);
        IdentityModel.Configure(builder);

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (entityType.BaseType is null && typeof(IMultiTenant).IsAssignableFrom(entityType.ClrType))
            {
                ApplyTenantFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
            }

            if (typeof(AggregateRoot).IsAssignableFrom(entityType.ClrType))
            {
                builder.Entity(entityType.ClrType).Property(nameof(AggregateRoot.ConcurrencyStamp))
                    .IsConcurrencyToken()
                    .HasMaxLength(VehicleConsts.ConcurrencyStampLength)
                    .IsRequired();
            }
        }
    }

    private static readonly System.Reflection.MethodInfo ApplyTenantFilterMethod =
        typeof(AutoTrackerDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, IMultiTenant
    {
        // A plain equality, so SQLite and MySQL can seek the TenantId-led indexes; a switch inside the filter
        // (such as "filter disabled OR ...") would force a full scan. Reading across tenants ignores the named filter.
        Expression<Func<TEntity, bool>> filter = e => e.TenantId == CurrentTenantId;
        builder.Entity<TEntity>().HasQueryFilter(TenantFilterName, filter);
        builder.Entity<TEntity>().Property(e => e.TenantId);
    }
}
