using System.Net;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Identity;

/// <summary>The pages under /Identity/Users: the list, the create and edit forms, the buttons each permission shows, and the menu entry.</summary>
public sealed class UserPageTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    private const string Password = AutoTrackerWebFactory.AdminPassword;

    [Fact]
    public async Task List_AdminSeesButtons_ManagerOnlyList()
    {
        var (tenantId, tenantName, admin) = await CreateTenantAsync("upage");
        await factory.CreateUserAsync(tenantId, "olive", ["manager"]);
        var manager = await factory.SignInAsync(tenantName, "olive", Password);

        var adminHtml = await admin.GetStringAsync("/Identity/Users?Filter=oli");
        var managerHtml = await manager.GetStringAsync("/Identity/Users");

        adminHtml.ShouldContain("data-testid=\"nav-users\"");
        adminHtml.ShouldContain("data-testid=\"add-user\"");
        adminHtml.ShouldContain("data-testid=\"edit-user\"");
        adminHtml.ShouldContain("data-testid=\"delete-user\"");
        adminHtml.ShouldContain($"href=\"/Identity/Users/Permissions/");
        adminHtml.ShouldNotContain(">admin<");
        managerHtml.ShouldContain("data-testid=\"nav-users\"");
        managerHtml.ShouldContain("data-testid=\"user-table\"");
        managerHtml.ShouldNotContain("data-testid=\"add-user\"");
        managerHtml.ShouldNotContain("data-testid=\"edit-user\"");
        managerHtml.ShouldNotContain("data-testid=\"delete-user\"");
        (await manager.GetAsync("/Identity/Users/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreatePage_InviteWithRoles_ThenEditRoles()
    {
        var (tenantId, _, admin) = await CreateTenantAsync("upcreate");
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(admin, "/Identity/Users/Create");

        using var created = await admin.PostAsync("/Identity/Users/Create", new FormUrlEncodedContent(
        [
            new("Input.UserName", "pia"),
            new("Input.Email", "pia@pages.test"),
            new("Input.IsActive", "true"),
            new("Input.IsActive", "false"),
            new("Input.LockoutEnabled", "true"),
            new("Input.LockoutEnabled", "false"),
            new("Input.RoleNames", "driver"),
            new("Input.RoleNames", "viewer"),
            new("__RequestVerificationToken", token),
        ]));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var user = ReadUser(tenantId, "pia");
        user.PasswordHash.ShouldBeNull();
        Directory.GetFiles(factory.MailFolder).Select(File.ReadAllText).ShouldContain(m => m.Contains("To: pia@pages.test", StringComparison.Ordinal));

        var editPath = $"/Identity/Users/Edit/{user.Id}";
        var editHtml = await admin.GetStringAsync(editPath);
        editHtml.ShouldContain("value=\"driver\" checked=\"checked\"");
        editHtml.ShouldContain("data-testid=\"send-password-reset\"");
        var editToken = await AutoTrackerWebFactory.GetFormTokenAsync(admin, editPath);
        using var saved = await admin.PostAsync(editPath, new FormUrlEncodedContent(
        [
            new("Input.UserName", "pia"),
            new("Input.Email", "pia@pages.test"),
            new("Input.IsActive", "true"),
            new("Input.LockoutEnabled", "true"),
            new("Input.ConcurrencyStamp", user.ConcurrencyStamp!),
            new("__RequestVerificationToken", editToken),
        ]));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        RoleCount(user.Id).ShouldBe(0, "no checked role box means no roles");
    }

    [Fact]
    public async Task CreatePage_UnknownRoleAndDuplicateName_FieldErrorsShown()
    {
        var (tenantId, _, admin) = await CreateTenantAsync("upinv");
        var before = factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.IgnoreQueryFilters().Count(u => u.TenantId == tenantId));
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(admin, "/Identity/Users/Create");

        using var response = await admin.PostAsync("/Identity/Users/Create", new FormUrlEncodedContent(
        [
            new("Input.UserName", "admin"),
            new("Input.Email", "new@pages.test"),
            new("Input.Password", Password),
            new("Input.RoleNames", "ghost"),
            new("__RequestVerificationToken", token),
        ]));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("ghost");
        html.ShouldContain("data-testid=\"error-roleNames\">The role");
        factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().Users.IgnoreQueryFilters().Count(u => u.TenantId == tenantId)).ShouldBe(before);
    }

    [Fact]
    public async Task DeletePage_Self_ShowsErrorAndKeepsUser()
    {
        var (tenantId, _, admin) = await CreateTenantAsync("updel");
        var adminId = ReadUser(tenantId, "admin").Id;
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(admin, $"/Identity/Users/Delete/{adminId}");

        using var response = await admin.PostAsync($"/Identity/Users/Delete/{adminId}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You cannot delete yourself");
        ReadUser(tenantId, "admin").Id.ShouldBe(adminId);
    }

    private async Task<(Guid TenantId, string Name, HttpClient Admin)> CreateTenantAsync(string prefix)
    {
        var name = $"{prefix}{Guid.NewGuid():N}"[..16];
        var tenantId = await factory.CreateTenantWithAdminAsync(name);
        return (tenantId, name, await factory.SignInAsync(name, "admin", Password));
    }

    private AutoTracker.Identity.AppUser ReadUser(Guid tenantId, string userName) => factory.InScope(null, sp =>
        sp.GetRequiredService<AutoTrackerDbContext>().Users.IgnoreQueryFilters().AsNoTracking().Single(u => u.TenantId == tenantId && u.UserName == userName));

    private int RoleCount(Guid userId) => factory.InScope(null, sp => sp.GetRequiredService<AutoTrackerDbContext>().UserRoles.Count(r => r.UserId == userId));
}
