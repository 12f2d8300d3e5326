using AutoTracker.Seeding;
using AutoTracker.Vehicles;
using AutoTracker.Vehicles.Import;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Registers the application services, domain services and the seeders.</summary>
    public static IServiceCollection AddAutoTrackerApplication(this IServiceCollection services)
    {
        services.AddScoped<VehicleVinService>();
        services.AddScoped<MeterReadingManager>();
        services.AddScoped<IVehicleAppService, VehicleAppService>();
        services.AddScoped<IMeterReadingAppService, MeterReadingAppService>();
        services.AddScoped<IFuelEntryAppService, FuelEntryAppService>();
        services.AddScoped<IServiceRecordAppService, ServiceRecordAppService>();
        services.AddScoped<VehicleImporter>();
        services.AddScoped<IVehicleImportAppService, VehicleImportAppService>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DemoVehicleSeeder>();
        services.AddScoped<AutoTrackerDataSeeder>();
        return services;
    }
}
