using AutoTracker.Identity;
using AutoTracker.PermissionManagement;
using AutoTracker.Seeding;
using AutoTracker.Vehicles;
using AutoTracker.Vehicles.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoTracker;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the application services, domain services and the seeders. Hosts that serve signed-in users
    /// replace the anonymous <see cref="ICurrentUser"/> registered here.
    /// </summary>
    public static IServiceCollection AddAutoTrackerApplication(this IServiceCollection services)
    {
        services.TryAddSingleton<ICurrentUser, AnonymousCurrentUser>();
        services.AddAutoTrackerPermissions();

        // UserManager runs every registered validator, so tenant password settings apply in every host.
        services.AddScoped<Microsoft.AspNetCore.Identity.IPasswordValidator<AppUser>, TenantPasswordPolicyValidator>();
        services.AddScoped<Settings.ISettingManagementAppService, Settings.SettingManagementAppService>();
        services.AddScoped<VehicleVinService>();
        services.AddScoped<VehicleVisibility>();
        services.AddScoped<Identity.IOrganizationUnitAppService, Identity.OrganizationUnitAppService>();
        services.AddScoped<MeterReadingManager>();
        services.AddScoped<IVehicleAppService, VehicleAppService>();
        services.AddScoped<IMeterReadingAppService, MeterReadingAppService>();
        services.AddScoped<IFuelEntryAppService, FuelEntryAppService>();
        services.AddScoped<IServiceRecordAppService, ServiceRecordAppService>();
        services.AddScoped<VehicleImporter>();
        services.AddScoped<TenantManagement.TenantLimitChecker>();
        services.AddScoped<TenantManagement.TenantNameManager>();
        services.AddScoped<TenantManagement.ITenantAppService, TenantManagement.TenantAppService>();
        services.AddScoped<TenantManagement.ITenantDatabaseAppService, TenantManagement.TenantDatabaseAppService>();
        services.AddScoped<IVehicleImportAppService, VehicleImportAppService>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DemoVehicleSeeder>();
        services.AddScoped<AutoTrackerDataSeeder>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }
}
