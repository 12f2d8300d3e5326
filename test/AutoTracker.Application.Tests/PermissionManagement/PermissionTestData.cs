using AutoTracker.Authorization;
using AutoTracker.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.PermissionManagement;

/// <summary>Users, roles and grants of a test tenant, created through Identity and the grant store.</summary>
internal static class PermissionTestData
{
    public const string Password = "permission-tests-passphrase-9";

    public static Task<Guid> CreateUserAsync(this ApplicationTestHost host, Guid? tenantId, params string[] roles) =>
        host.InTenantAsync(tenantId, sp => TestUsers.CreateAsync(sp, tenantId, $"u{Guid.NewGuid():N}"[..20], Password, roles));

    public static Task CreateRoleAsync(this ApplicationTestHost host, Guid? tenantId, string name) =>
        host.InTenantAsync(tenantId, async sp =>
        {
            var result = await sp.GetRequiredService<RoleManager<AppRole>>().CreateAsync(new AppRole(Guid.NewGuid(), tenantId, name));
            result.Succeeded.ShouldBeTrue(string.Join(" ", result.Errors.Select(e => e.Description)));
        });

    /// <summary>Stores grants as they are, without the API's rules, and invalidates the cache as every grant change must.</summary>
    public static Task GrantRawAsync(this ApplicationTestHost host, Guid? tenantId, string providerName, string providerKey, params string[] names) =>
        host.InTenantAsync(tenantId, async sp =>
        {
            await sp.GetRequiredService<PermissionGrantStore>().AddMissingAsync(providerName, providerKey, names, CancellationToken.None);
            await sp.GetRequiredService<Domain.IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            await sp.GetRequiredService<PermissionGrantCache>().InvalidateAsync(tenantId, CancellationToken.None);
        });

    /// <summary>Asks the checker in a new scope, as a new request would.</summary>
    public static Task<bool> IsGrantedAsync(this ApplicationTestHost host, Guid? tenantId, Guid userId, IReadOnlyList<string> roles, string name) =>
        host.AsUserAsync(tenantId, userId, roles, sp => sp.GetRequiredService<IPermissionChecker>().IsGrantedAsync(name, CancellationToken.None));
}
