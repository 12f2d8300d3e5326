using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AutoTracker.Authorization;

/// <summary>Requires the signed-in user to hold the permission <see cref="Name"/>.</summary>
public sealed class PermissionRequirement(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;
}

/// <summary>
/// Turns every defined permission name into a policy, so that <c>[Authorize(AutoTrackerPermissions.Vehicles.Create)]</c>
/// works without registering each policy. Other names go to the policies registered in the options; a name that is
/// neither makes ASP.NET Core throw, as an undefined permission should.
/// </summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, PermissionDefinitionManager definitions)
    : DefaultAuthorizationPolicyProvider(options)
{
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _policies = new(StringComparer.Ordinal);

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (await base.GetPolicyAsync(policyName) is { } registered)
        {
            return registered;
        }

        if (definitions.Find(policyName) is null)
        {
            return null;
        }

        return _policies.GetOrAdd(policyName, name => new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(name))
            .Build());
    }
}

/// <summary>Meets a <see cref="PermissionRequirement"/> when the permission checker grants the permission to the current user.</summary>
public sealed class PermissionAuthorizationHandler(IPermissionChecker permissions) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (await permissions.IsGrantedAsync(requirement.Name))
        {
            context.Succeed(requirement);
        }
    }
}
