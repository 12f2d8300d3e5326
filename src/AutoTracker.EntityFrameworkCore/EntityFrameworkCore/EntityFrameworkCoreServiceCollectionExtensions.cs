using AutoTracker.Domain;
using AutoTracker.EntityFrameworkCore.TenantManagement;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoTracker.EntityFrameworkCore;

public static class EntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the repositories, the unit of work and the tenant services. The caller registers the DbContext
    /// with its provider, and the provider's <see cref="IUniqueViolationDetector"/>, which the unit of work needs.
    /// </summary>
    public static IServiceCollection AddAutoTrackerDataAccess(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CurrentTenant>();
        services.TryAddSingleton<ICurrentTenant>(sp => sp.GetRequiredService<CurrentTenant>());
        services.TryAddScoped<AuditPropertiesInterceptor>();
        services.TryAddScoped(typeof(IRepository<>), typeof(EfRepository<>));
        services.TryAddScoped<IReservedTenantNameRepository, EfReservedTenantNameRepository>();
        services.TryAddScoped<IQueryExecutor, EfQueryExecutor>();
        services.TryAddScoped<IUnitOfWork, EfUnitOfWork>();
        return services;
    }
}
