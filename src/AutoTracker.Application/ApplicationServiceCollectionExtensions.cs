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
        services.AddScoped<IRoleAppService, RoleAppService>();
        services.AddScoped<DefaultRoles>();
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
        services.AddAutoTrackerUserManagement();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DemoVehicleSeeder>();
        services.AddScoped<AutoTrackerDataSeeder>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// Registers user management, the set-password links and the file-drop e-mail sender. Hosts bind
    /// <see cref="AccountLinkOptions"/> and <see cref="Emailing.EmailOptions"/> from their configuration and must set
    /// the drop folder.
    /// </summary>
    private static void AddAutoTrackerUserManagement(this IServiceCollection services)
    {
        services.AddOptions<AccountLinkOptions>().ValidateDataAnnotations();
        services.AddOptions<Emailing.EmailOptions>().ValidateDataAnnotations();
        services.TryAddScoped<Emailing.IEmailSender, Emailing.FileDropEmailSender>();
        services.AddScoped<InvitationTokenProvider>();
        services.AddScoped<PasswordResetTokenProvider>();
        services.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] = new Microsoft.AspNetCore.Identity.TokenProviderDescriptor(typeof(InvitationTokenProvider));
            o.Tokens.ProviderMap[PasswordResetTokenProvider.ProviderName] = new Microsoft.AspNetCore.Identity.TokenProviderDescriptor(typeof(PasswordResetTokenProvider));
            o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
        });
        services.AddScoped<UserManagementGuard>();
        services.AddScoped<ManagementLock>();
        services.AddScoped<AccountLinkService>();
        services.AddScoped<IIdentityUserAppService, IdentityUserAppService>();
    }
}
