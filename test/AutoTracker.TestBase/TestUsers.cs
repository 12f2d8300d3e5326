using AutoTracker.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker;

/// <summary>Creates users for tests through Identity's UserManager, as the user management pages will.</summary>
public static class TestUsers
{
    /// <summary>
    /// Creates a user of <paramref name="tenantId"/> (null for the host) in <paramref name="roles"/>, which must exist,
    /// and returns the user's id. The caller's scope must run as that tenant.
    /// </summary>
    public static async Task<Guid> CreateAsync(IServiceProvider services, Guid? tenantId, string userName, string password, IReadOnlyList<string> roles)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser(Guid.NewGuid(), tenantId, userName, email: null);
        ThrowIfFailed(await users.CreateAsync(user, password), userName);
        if (roles.Count > 0)
        {
            ThrowIfFailed(await users.AddToRolesAsync(user, roles), userName);
        }

        return user.Id;
    }

    private static void ThrowIfFailed(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Creating the test user {userName} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
