using System.Security.Claims;
using AutoTracker.Authorization;
using AutoTracker.Identity;
using AutoTracker.Permissions;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.PermissionManagement;

/// <summary>Pages show only the links and buttons the user's permissions allow, and a policy for an undefined permission throws.</summary>
public sealed class PermissionPageTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = "permission-pages-passphrase-3";

    [Theory]
    [InlineData(StaticRoleNames.Viewer, new string[] { }, new[] { "edit-vehicle", "delete-vehicle", "add-fuel-entry", "add-service-record", "add-meter-reading", "nav-import" })]
    [InlineData(StaticRoleNames.Technician, new[] { "add-service-record", "add-meter-reading" }, new[] { "edit-vehicle", "delete-vehicle", "add-fuel-entry", "nav-import" })]
    [InlineData(StaticRoleNames.Driver, new[] { "add-fuel-entry", "add-meter-reading" }, new[] { "edit-vehicle", "delete-vehicle", "add-service-record", "nav-import" })]
    [InlineData(StaticRoleNames.Manager, new[] { "edit-vehicle", "delete-vehicle", "add-fuel-entry", "add-service-record", "add-meter-reading", "nav-import" }, new string[] { })]
    public async Task Details_Role_ShowsOnlyAllowedActions(string role, string[] shown, string[] hidden)
    {
        var tenantName = $"pages{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(tenantName);
        var admin = await ApiClient.SignInAsync(factory, tenantName);
        var records = await TenantRecords.CreateRecordsAsync(admin, "Shown to roles");
        var userName = $"{role}{Guid.NewGuid():N}"[..16];
        await factory.CreateUserAsync(tenantId, userName, [role], Password);
        var user = await factory.SignInAsync(tenantName, userName, Password);

        var html = await user.GetStringAsync($"/Vehicles/Details/{records[RecordKind.Vehicle]}");

        html.ShouldContain("data-testid=\"nav-vehicles\"");
        foreach (var testId in shown)
        {
            html.ShouldContain($"data-testid=\"{testId}\"", Case.Sensitive, $"{role} should see {testId}");
        }

        foreach (var testId in hidden)
        {
            html.ShouldNotContain($"data-testid=\"{testId}\"", Case.Sensitive, $"{role} should not see {testId}");
        }
    }

    [Fact]
    public async Task StartPage_UserWithoutRoles_ShowsNote()
    {
        var tenantName = $"pages{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(tenantName);
        var userName = $"none{Guid.NewGuid():N}"[..16];
        await factory.CreateUserAsync(tenantId, userName, [], Password);
        var user = await factory.SignInAsync(tenantName, userName, Password);

        var html = await user.GetStringAsync("/");

        html.ShouldContain("data-testid=\"no-pages\"");
        html.ShouldNotContain("data-testid=\"nav-vehicles\"");
    }

    [Fact]
    public async Task Policy_UndefinedPermission_Throws()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString())], "Test"));

        await Should.ThrowAsync<InvalidOperationException>(() => authorization.AuthorizeAsync(user, "AutoTracker.Vehicles.Crate"));
    }

    [Fact]
    public async Task PolicyProvider_DefinedPermission_RequiresIt()
    {
        var provider = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        var policy = await provider.GetPolicyAsync(AutoTrackerPermissions.Vehicles.Delete);

        policy.ShouldNotBeNull();
        policy.Requirements.OfType<PermissionRequirement>().Single().Name.ShouldBe(AutoTrackerPermissions.Vehicles.Delete);
        (await provider.GetPolicyAsync("AutoTracker.Vehicles.Crate")).ShouldBeNull();
    }
}
