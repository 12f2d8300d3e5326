using AutoTracker.Authorization;
using AutoTracker.Permissions;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.PermissionManagement;

public static class PermissionServiceCollectionExtensions
{
    /// <summary>Registers the permission definitions, the checker with its cache, permission management and the static role seed.</summary>
    public static IServiceCollection AddAutoTrackerPermissions(this IServiceCollection services)
    {
        services.AddSingleton<IPermissionDefinitionProvider, AutoTrackerPermissionDefinitionProvider>();
        services.AddSingleton<PermissionDefinitionManager>();
        services.AddSingleton<PermissionGrantCache>();
        services.AddScoped<PermissionGrantStore>();
        services.AddScoped<IPermissionChecker, PermissionChecker>();
        services.AddScoped<PermissionHolders>();
        services.AddScoped<IPermissionAppService, PermissionAppService>();
        services.AddScoped<StaticRoleSeeder>();
        return services;
    }
}
