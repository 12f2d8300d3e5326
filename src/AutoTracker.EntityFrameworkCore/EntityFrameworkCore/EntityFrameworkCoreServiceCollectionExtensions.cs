using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using AutoTracker.EntityFrameworkCore.TenantManagement;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoTracker.EntityFrameworkCore;

public static class EntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext on <paramref name="provider"/>, the repositories, the unit of work and the tenant
    /// services. Each service scope's DbContext uses the database of the tenant current when it is created: the
    /// tenant's own database when it has one, else the host database at <paramref name="hostConnectionString"/>.
    /// The caller registers the provider's <see cref="IUniqueViolationDetector"/>, which the unit of work needs.
    /// </summary>
    public static IServiceCollection AddAutoTrackerDataAccess(this IServiceCollection services, IDatabaseProvider provider, string hostConnectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CurrentTenant>();
        services.TryAddSingleton<ICurrentTenant>(sp => sp.GetRequiredService<CurrentTenant>());
        services.TryAddSingleton(provider);
        services.TryAddSingleton(new HostConnectionString(hostConnectionString));
        services.TryAddSingleton<HostDbContextFactory>();
        services.TryAddSingleton<ConnectionStringProtector>();
        services.TryAddSingleton<TenantConnectionStrings>();
        services.TryAddScoped<HostDatabase>();
        services.TryAddScoped<TenantDatabaseBinding>();
        services.TryAddScoped<TenantDatabaseGuard>();
        services.TryAddScoped<ITenantDatabaseManager, TenantDatabaseManager>();
        services.TryAddScoped<ICrossTenantAccess, CrossTenantAccess>();
        services.TryAddScoped<AuditPropertiesInterceptor>();
        services.TryAddScoped(typeof(IRepository<>), typeof(EfRepository<>));
        services.TryAddScoped<IReservedTenantNameRepository, EfReservedTenantNameRepository>();
        services.TryAddScoped<IQueryExecutor, EfQueryExecutor>();
        services.TryAddScoped<AutoTracker.Identity.IUserRoleReader, EfUserRoleReader>();
        services.TryAddScoped<IUnitOfWork, EfUnitOfWork>();
        services.TryAddScoped<AutoTracker.Settings.ISettingProvider, Settings.SettingProvider>();
        services.TryAddScoped<AutoTracker.Settings.ITenantSettingRelocation, Settings.TenantSettingRelocation>();
        services.AddDbContext<AutoTrackerDbContext>((sp, options) =>
        {
            provider.Configure(options, sp.GetRequiredService<TenantDatabaseBinding>().Bind());
            options.AddInterceptors(sp.GetRequiredService<AuditPropertiesInterceptor>(), sp.GetRequiredService<TenantDatabaseGuard>());
        });
        return services;
    }
}
