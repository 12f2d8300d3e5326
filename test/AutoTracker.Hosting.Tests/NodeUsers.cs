using AutoTracker.EntityFrameworkCore;
using AutoTracker.EntityFrameworkCore.MySql;
using AutoTracker.Identity;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Hosting;

/// <summary>
/// Creates users in the database that the app processes share, through Identity's UserManager in the test process,
/// as the user management pages will once they exist.
/// </summary>
public static class NodeUsers
{
    public static async Task<Guid> CreateAsync(string connectionString, string tenantName, string userName, string password, IReadOnlyList<string> roles)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAutoTrackerMySql(connectionString);
        services.Configure<PasswordHasherOptions>(IdentitySettings.ConfigureHasher);
        services.AddIdentityCore<AppUser>(IdentitySettings.Configure)
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AutoTrackerDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var normalized = Tenant.NormalizeName(tenantName);
        var tenantId = await scope.ServiceProvider.GetRequiredService<AutoTrackerDbContext>().Tenants
            .Where(t => t.NormalizedName == normalized)
            .Select(t => t.Id)
            .SingleAsync();
        using (scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Change(tenantId, tenantName))
        {
            return await TestUsers.CreateAsync(scope.ServiceProvider, tenantId, userName, password, roles);
        }
    }
}
