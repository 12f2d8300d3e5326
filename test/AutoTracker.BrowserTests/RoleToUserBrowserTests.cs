using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// The demo tenant's admin creates a role, grants it vehicle and service-record viewing in the permission tree and
/// creates a user with that role. The user then sees the vehicles and their service records, and nothing the role
/// does not allow: no fuel or meter tabs, no buttons to change anything, no administration menus, and the pages
/// behind those return access denied.
/// </summary>
[Collection(WebServerCollection.Name)]
public sealed class RoleToUserBrowserTests(WebServerFixture server)
{
    private const string UserPassword = "yard-staff-passphrase-2026";

    [Fact]
    public async Task NewRoleUser_SeesWhatRoleAllows()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var roleName = $"yard staff {suffix}";
        var userName = $"yard{suffix}";
        int adminVehicleRows;

        await using (var admin = await server.NewSignedInSessionAsync("demo"))
        {
            var page = admin.Page;
            await page.ClickAsync("[data-testid=nav-vehicles]");
            adminVehicleRows = await page.Locator("[data-testid=vehicle-row]").CountAsync();

            await page.ClickAsync("[data-testid=nav-roles]");
            await page.ClickAsync("[data-testid=add-role]");
            await page.FillAsync("#Input_Name", roleName);
            await VehiclePages.SubmitAndWaitForRedirectAsync(page, "role-form", url => url.Contains("/Identity/Roles?", StringComparison.Ordinal));

            await page.Locator($"[data-testid=role-row][data-role-name='{roleName}'] [data-testid=role-permissions]").ClickAsync();
            await PermissionBox(page, "AutoTracker.Vehicles.ServiceRecords").CheckAsync();
            await PermissionBox(page, "AutoTracker.Vehicles.ViewAllUnits").CheckAsync();
            await page.ClickAsync("[data-testid=save-permissions]");
            (await page.TextContentAsync("[data-testid=status-message]"))!.ShouldContain($"Permissions of {roleName} saved.");

            await page.ClickAsync("[data-testid=nav-users]");
            await page.ClickAsync("[data-testid=add-user]");
            await page.FillAsync("#Input_UserName", userName);
            await page.FillAsync("#Input_Email", $"{userName}@demo.example");
            await page.FillAsync("#Input_Password", UserPassword);
            foreach (var preselected in await page.Locator("[data-testid=role-checkboxes] input[type=checkbox]:checked").AllAsync())
            {
                await preselected.UncheckAsync();
            }

            await page.Locator($"[data-testid=role-checkboxes] input[value='{roleName}']").CheckAsync();
            await VehiclePages.SubmitAndWaitForRedirectAsync(page, "user-form", url => url.Contains("/Identity/Users", StringComparison.Ordinal) && !url.Contains("/Create", StringComparison.Ordinal));
            admin.ShouldHaveNoPageProblems();
        }

        await using var user = await server.NewSignedInSessionAsync("demo", userName, UserPassword);
        var userPage = user.Page;

        // The menu offers the vehicles and nothing to administer.
        (await userPage.Locator("[data-testid=nav-vehicles]").CountAsync()).ShouldBe(1);
        foreach (var hidden in new[] { "nav-import", "nav-users", "nav-roles", "nav-tenant-settings", "nav-tenants", "nav-units" })
        {
            (await userPage.Locator($"[data-testid={hidden}]").CountAsync()).ShouldBe(0, hidden);
        }

        // The user sees the same vehicles as the admin, with no button to add, edit or import.
        await userPage.ClickAsync("[data-testid=nav-vehicles]");
        adminVehicleRows.ShouldBeGreaterThanOrEqualTo(7);
        (await userPage.Locator("[data-testid=vehicle-row]").CountAsync()).ShouldBe(adminVehicleRows);
        (await userPage.Locator("[data-testid=add-vehicle]").CountAsync()).ShouldBe(0);
        (await userPage.Locator("[data-testid=import-vehicles]").CountAsync()).ShouldBe(0);
        (await userPage.Locator("[data-testid=edit-vehicle]").CountAsync()).ShouldBe(0);

        // The Cherokee shows its service records, and only those.
        await userPage.Locator("[data-testid=vehicle-model]", new() { HasTextString = "Cherokee" }).ClickAsync();
        (await userPage.Locator("#service-records-tab").CountAsync()).ShouldBe(1);
        (await userPage.Locator("#fuel-entries-tab").CountAsync()).ShouldBe(0);
        (await userPage.Locator("#meter-readings-tab").CountAsync()).ShouldBe(0);
        (await userPage.Locator("[data-testid=edit-vehicle]").CountAsync()).ShouldBe(0);
        (await userPage.Locator("[data-testid=delete-vehicle]").CountAsync()).ShouldBe(0);
        (await userPage.Locator("[data-testid=service-record-table] tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await userPage.Locator("[data-testid=add-service-record]").CountAsync()).ShouldBe(0);

        // Pages the role does not allow return access denied when opened by address.
        foreach (var path in new[] { "/Vehicles/Create", "/Vehicles/Import", "/Identity/Users", "/Identity/Roles", "/Settings/Tenant" })
        {
            var response = await userPage.GotoAsync(path);
            response.ShouldNotBeNull();
            response.Status.ShouldBe(403, path);
            (await userPage.TextContentAsync("h1"))!.Trim().ShouldBe("Access denied", path);
        }

        user.ShouldHaveNoPageProblems();
    }

    private static ILocator PermissionBox(IPage page, string permissionName) =>
        page.Locator($"input[type=checkbox][data-permission-name='{permissionName}']");
}
