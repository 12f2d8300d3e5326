using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// The demo tenant's admin adds a role and grants it permissions in the permission tree, whose script keeps parents
/// and children consistent while the admin clicks.
/// </summary>
[Collection(WebServerCollection.Name)]
public sealed class RolePermissionBrowserTests(WebServerFixture server)
{
    private const string Vehicles = "AutoTracker.Vehicles";
    private const string FuelEntries = "AutoTracker.Vehicles.FuelEntries";
    private const string FuelEntriesCreate = "AutoTracker.Vehicles.FuelEntries.Create";

    [Fact]
    public async Task PermissionTree_KeepsParentsAndChildrenConsistent()
    {
        var roleName = $"fuel clerks {Guid.NewGuid():N}"[..20];
        await using var admin = await server.NewSignedInSessionAsync("demo");
        var page = admin.Page;

        await page.ClickAsync("[data-testid=nav-roles]");
        await page.ClickAsync("[data-testid=add-role]");
        await page.FillAsync("#Input_Name", roleName);
        await VehiclePages.SubmitAndWaitForRedirectAsync(page, "role-form", url => url.Contains("/Identity/Roles?", StringComparison.Ordinal));
        await page.Locator($"[data-testid=role-row][data-role-name='{roleName}'] [data-testid=role-permissions]").ClickAsync();

        // Checking a child checks its ancestors.
        await Box(page, FuelEntriesCreate).CheckAsync();
        (await Box(page, FuelEntries).IsCheckedAsync()).ShouldBeTrue();
        (await Box(page, Vehicles).IsCheckedAsync()).ShouldBeTrue();

        // Unchecking a parent unchecks its descendants.
        await Box(page, Vehicles).UncheckAsync();
        (await Box(page, FuelEntries).IsCheckedAsync()).ShouldBeFalse();
        (await Box(page, FuelEntriesCreate).IsCheckedAsync()).ShouldBeFalse();

        await Box(page, FuelEntriesCreate).CheckAsync();
        await page.ClickAsync("[data-testid=save-permissions]");
        (await page.TextContentAsync("[data-testid=status-message]"))!.ShouldContain($"Permissions of {roleName} saved.");

        // The reloaded page shows the saved grants.
        (await Box(page, Vehicles).IsCheckedAsync()).ShouldBeTrue();
        (await Box(page, FuelEntries).IsCheckedAsync()).ShouldBeTrue();
        (await Box(page, FuelEntriesCreate).IsCheckedAsync()).ShouldBeTrue();
        (await Box(page, "AutoTracker.Vehicles.Create").IsCheckedAsync()).ShouldBeFalse();
        admin.ShouldHaveNoPageProblems();
    }

    private static ILocator Box(IPage page, string permissionName) =>
        page.Locator($"input[type=checkbox][data-permission-name='{permissionName}']");
}
