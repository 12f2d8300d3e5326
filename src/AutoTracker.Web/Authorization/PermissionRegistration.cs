using Microsoft.AspNetCore.Authorization;

namespace AutoTracker.Authorization;

public static class PermissionRegistration
{
    /// <summary>Registers the policy provider that turns permission names into policies, and its handler.</summary>
    public static IServiceCollection AddAutoTrackerPermissionPolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PageForbiddenHandler>();
        return services;
    }
}
